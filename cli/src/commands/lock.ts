import { Flags } from '@oclif/core';
import { runLock, type LockResult } from '../check/runLock.js';
import { KsdkCommand } from '../command/KsdkCommand.js';

export default class Lock extends KsdkCommand {
  static override summary = 'Record every message schema and its manifest facts in ksdk.lock.json, the baseline of `ksdk check`.';

  static override description = `Writes ksdk.lock.json next to the manifest: for each message its resolved, self-contained schema, topic, CloudEvent type, partition-key strategy and compatibility settings, plus the subscriptions. When a schema changed since the last lock, its previous version moves into the message's history, which the _TRANSITIVE modes of \`ksdk check\` compare against. Commit the file.

Exit codes (the same for every ksdk command): 0 written or up to date, 1 with --check: the lock file is out of date, 2 usage or input error, 3 the lock file could not be written, 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %>', description: 'Update ksdk.lock.json after a compatible change was merged.' },
    { command: '<%= config.bin %> <%= command.id %> --check', description: 'In CI: fail when ksdk.lock.json is stale.' },
  ];

  static override flags = {
    file: Flags.string({ helpValue: '<path>', description: 'Lock file to write, relative to --cwd. Default: ksdk.lock.json next to the manifest.' }),
    check: Flags.boolean({ default: false, description: 'Write nothing; exit 1 when the lock file is missing or out of date.' }),
  };

  async run(): Promise<Omit<LockResult, 'lock'>> {
    const { flags } = await this.parse(Lock);
    const result = await runLock({ ...this.project(flags), ...(flags.file === undefined ? {} : { lockFile: flags.file }), check: flags.check });
    const { lock: _lock, ...summary } = result;
    if (flags.check && !result.upToDate) {
      this.found();
      this.logToStderr(`${result.file} is out of date: run \`ksdk lock\` and commit it.`);
    } else {
      const versions = result.newVersions.map((v) => `${v.message} v${v.version}`).join(', ');
      this.log(result.upToDate ? `${result.file} is up to date.` : `${result.file} written${versions ? ` (${versions})` : ''}.`);
    }
    return summary;
  }
}
