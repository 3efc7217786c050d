import path from 'node:path';
import { Flags, ux } from '@oclif/core';
import { KsdkCommand } from '../command/KsdkCommand.js';
import { formatIssue } from '../errors/KsdkCliError.js';
import { generate, type GenerateResult } from '../generate/generate.js';
import type { FileChange } from '../generate/writeOutput.js';

const LABEL: Record<FileChange['status'], string> = { created: 'created', updated: 'updated', unchanged: 'unchanged', removed: 'removed' };
const DRIFT_LABEL: Record<FileChange['status'], string> = { created: 'missing', updated: 'differs', unchanged: 'same', removed: 'stale' };

export default class Generate extends KsdkCommand {
  static override summary = 'Generate the typed Kafka client described by a ksdk manifest.';

  static override description = `Reads the manifest (YAML or JSON) and the JSON Schemas it names, checks them, and writes the client into the manifest's output folder (default src/generated): one type and one precompiled validator per message, producer classes, handler interfaces, a subscriptions factory, a topic registry and an index.

The run is all or nothing: everything is rendered in memory first, and if anything fails the output folder is left exactly as it was. Files ksdk generated earlier and no longer generates are removed; nothing outside the output folder is touched, and files in it that ksdk did not generate are never overwritten.

With --json the result (every file with its status, the drift of --check, warnings) or the error (its code and every located issue) is printed as JSON on stdout.

Errors name the file, line and field (JSON pointer). Exit codes (the same for every ksdk command): 0 success (with --check: up to date), 1 --check found differences, 2 invalid manifest or schema, 3 the output folder could not be written, 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %>', description: 'Generate from ./ksdk.yaml into its output folder.' },
    { command: '<%= config.bin %> <%= command.id %> --cwd generated-example', description: 'Generate the example project.' },
    { command: '<%= config.bin %> <%= command.id %> --check', description: 'In CI: fail when the committed client is out of date.' },
    { command: '<%= config.bin %> <%= command.id %> -m api/ksdk.json --out build/client --json', description: 'JSON manifest, another output folder, machine-readable result.' },
  ];

  static override flags = {
    out: Flags.string({
      char: 'o',
      helpValue: '<dir>',
      description: "Output folder, overriding the manifest's `output` (resolved against --cwd). ksdk owns this folder: it removes stale files it generated there.",
    }),
    check: Flags.boolean({
      default: false,
      description: 'Write nothing; compare what would be generated with the output folder, list the files that differ and exit 1 if any do. For CI.',
    }),
    'allow-remote-refs': Flags.boolean({
      default: false,
      description: 'Allow $ref to http(s) URLs (fetched at generate time). Off by default: schemas are read from the project only, so builds are reproducible offline.',
    }),
    'schema-root': Flags.string({
      multiple: true,
      helpValue: '<dir>',
      description: "A folder outside the project that schemas may be read from (repeatable; resolved against --cwd). Adds to the manifest's `schemaRoots`.",
    }),
    quiet: Flags.boolean({ char: 'q', default: false, description: 'Print nothing but errors and warnings.' }),
  };

  async run(): Promise<GenerateResult> {
    const { flags } = await this.parse(Generate);
    const { cwd, manifest } = this.project(flags);
    const json = this.jsonEnabled();
    const showProgress = !json && !flags.quiet && process.stderr.isTTY === true;
    if (showProgress) ux.action.start(flags.check ? 'ksdk generate --check' : 'ksdk generate', 'reading the manifest', { stdout: false });
    const result = await generate(manifest, {
      cwd,
      ...(flags.out === undefined ? {} : { out: flags.out }),
      check: flags.check,
      allowRemoteRefs: flags['allow-remote-refs'],
      ...(flags['schema-root'] === undefined ? {} : { schemaRoots: flags['schema-root'].map((r) => path.resolve(cwd, r)) }),
      onProgress: showProgress
        ? (event) => {
            ux.action.status = event.total === undefined ? event.message : `${event.message} (${event.current}/${event.total})`;
          }
        : undefined,
    });
    if (showProgress) ux.action.stop(result.check ? (result.drift.length === 0 ? 'up to date' : 'out of date') : 'done');

    for (const w of result.warnings) this.logToStderr(`warning: ${formatIssue(w)}`);
    if (result.check) {
      if (result.drift.length > 0) {
        this.found();
        if (!json) {
          this.logToStderr(`${result.outputDir} is out of date: ${result.drift.length} file(s) differ from what ${result.manifest} generates:`);
          for (const c of result.drift) this.logToStderr(`  ${DRIFT_LABEL[c.status].padEnd(8)} ${c.path}`);
          this.logToStderr('Run `ksdk generate` and commit the result.');
        }
      } else if (!flags.quiet) {
        this.log(`${result.outputDir} is up to date with ${result.manifest} (${result.files.length} files).`);
      }
      return result;
    }
    if (!flags.quiet) {
      const changed = result.files.filter((f) => f.status !== 'unchanged');
      for (const c of changed) this.log(`  ${LABEL[c.status].padEnd(8)} ${c.path}`);
      const count = (s: FileChange['status']) => result.files.filter((f) => f.status === s).length;
      this.log(
        `${result.outputDir}: ${result.files.length - count('removed')} files from ${result.manifest} (${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('removed')} removed)`,
      );
    }
    return result;
  }
}
