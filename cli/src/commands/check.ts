import { Flags } from '@oclif/core';
import { COMPATIBILITY_MODES, parseCompatibilityMode } from '../check/CompatibilityMode.js';
import type { CheckReport } from '../check/CheckReport.js';
import { formatReport } from '../check/formatReport.js';
import { runCheck } from '../check/runCheck.js';
import { KsdkCommand } from '../command/KsdkCommand.js';

export default class Check extends KsdkCommand {
  static override summary = 'Fail when a message schema or the manifest changed incompatibly since a baseline.';

  static override description = `Compares every message schema (and the manifest) with a baseline: a git ref (--baseline origin/main), another checkout of the project (a folder), or a lock file written by \`ksdk lock\` (the default: ksdk.lock.json next to the manifest).

Schemas are checked with Confluent Schema Registry's JSON Schema rules in the mode the manifest sets (compatibility.mode, per message compatibility), or --mode: BACKWARD (default; consumers on the new schema read old data), FORWARD (consumers on the old schema read new data), FULL (both), their _TRANSITIVE variants (against every earlier version: git history or the lock file's history) and NONE. The manifest is checked too: a removed message still read by a subscription, a renamed topic, a changed CloudEvent type and a changed partition-key strategy are breaking.

Exit codes (the same for every ksdk command): 0 compatible, 1 incompatible, 2 usage or input error (unknown baseline, invalid manifest, schema or lock file), 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %> --baseline origin/main', description: 'In a pull request: compare with the target branch.' },
    { command: '<%= config.bin %> <%= command.id %>', description: 'Compare with the committed ksdk.lock.json.' },
    { command: '<%= config.bin %> <%= command.id %> --baseline ../main-checkout --mode FULL --json', description: 'Another checkout, FULL mode, machine-readable.' },
  ];

  static override flags = {
    baseline: Flags.string({
      char: 'b',
      helpValue: '<ref|dir|lock>',
      description: 'What to compare with: a git ref, a folder holding another checkout, or a lock file. Default: ksdk.lock.json next to the manifest.',
    }),
    'baseline-kind': Flags.string({
      options: ['auto', 'git', 'folder', 'lock'],
      default: 'auto',
      description: 'How to read --baseline; auto picks folder or lock file when the path exists, else a git ref.',
    }),
    mode: Flags.string({
      helpValue: '<mode>',
      description: `Compatibility mode for every message, overriding the manifest: ${COMPATIBILITY_MODES.join(', ')}.`,
    }),
    lenient: Flags.boolean({
      allowNo: true,
      description:
        'Accept an optional property added to an open content model (Schema Registry rejects it, since old data may carry the property with any value). Safe when producers never send undeclared properties. Overrides compatibility.lenient.',
    }),
    'history-depth': Flags.integer({ default: 20, min: 1, description: 'Commits a git baseline looks back for earlier versions (transitive modes).' }),
  };

  async run(): Promise<CheckReport> {
    const { flags } = await this.parse(Check);
    const report = await runCheck({
      ...this.project(flags),
      ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
      baselineKind: flags['baseline-kind'] as 'auto' | 'git' | 'folder' | 'lock',
      ...(flags.mode === undefined ? {} : { mode: parseCompatibilityMode(flags.mode) }),
      ...(flags.lenient === undefined ? {} : { lenient: flags.lenient }),
      historyDepth: flags['history-depth'],
    });
    if (!report.compatible) this.found();
    this.log(formatReport(report).trimEnd());
    return report;
  }
}
