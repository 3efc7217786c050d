import { Command, Flags } from '@oclif/core';
import { runLock, type LockResult } from '../check/runLock.js';
import { CHECK_EXIT, toCheckFailure } from '../check/toCheckFailure.js';

export default class Lock extends Command {
  static override summary = 'Record every message schema and its manifest facts in ksdk.lock.json, the baseline of `ksdk check`.';

  static override description = `Writes ksdk.lock.json next to the manifest: for each message its resolved, self-contained schema, topic, CloudEvent type, partition-key strategy and compatibility settings, plus the subscriptions. When a schema changed since the last lock, its previous version moves into the message's history, which the _TRANSITIVE modes of \`ksdk check\` compare against. Commit the file.

Exit codes: 0 written or up to date, 1 with --check: the lock file is out of date, 2 usage or input error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %>', description: 'Update ksdk.lock.json after a compatible change was merged.' },
    { command: '<%= config.bin %> <%= command.id %> --check', description: 'In CI: fail when ksdk.lock.json is stale.' },
  ];

  static override enableJsonFlag = true;

  static override flags = {
    manifest: Flags.string({ char: 'm', default: 'ksdk.yaml', helpValue: '<path>', description: 'Manifest to read, relative to --cwd.' }),
    cwd: Flags.string({ helpValue: '<dir>', description: 'Project directory. Default: the current directory.' }),
    file: Flags.string({ helpValue: '<path>', description: 'Lock file to write, relative to --cwd. Default: ksdk.lock.json next to the manifest.' }),
    check: Flags.boolean({ default: false, description: 'Write nothing; exit 1 when the lock file is missing or out of date.' }),
  };

  async run(): Promise<Omit<LockResult, 'lock'>> {
    const { flags } = await this.parse(Lock);
    let result: LockResult;
    try {
      result = await runLock({
        ...(flags.cwd === undefined ? {} : { cwd: flags.cwd }),
        manifest: flags.manifest,
        ...(flags.file === undefined ? {} : { lockFile: flags.file }),
        check: flags.check,
      });
    } catch (err) {
      const failure = toCheckFailure(err);
      process.exitCode = failure.exit;
      if (this.jsonEnabled()) throw Object.assign(new Error(failure.message), { code: failure.code });
      this.error(failure.message, { exit: failure.exit, code: failure.code, suggestions: [...failure.suggestions] });
    }
    const { lock: _lock, ...summary } = result;
    if (flags.check && !result.upToDate) {
      process.exitCode = CHECK_EXIT.incompatible;
      if (!this.jsonEnabled()) this.logToStderr(`${result.file} is out of date: run \`ksdk lock\` and commit it.`);
    } else if (!this.jsonEnabled()) {
      const versions = result.newVersions.map((v) => `${v.message} v${v.version}`).join(', ');
      this.log(result.upToDate ? `${result.file} is up to date.` : `${result.file} written${versions ? ` (${versions})` : ''}.`);
    }
    return summary;
  }

  protected override toErrorJson(err: unknown): unknown {
    return { error: { code: (err as { code?: string }).code ?? 'KSDK_INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
}
