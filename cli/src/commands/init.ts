import { Command, Flags } from '@oclif/core';
import { formatIssue, KsdkCliError, toCliError } from '../errors/KsdkCliError.js';
import { DEFAULT_MESSAGE, initProject, MESSAGE_NAME, type InitResult } from '../init/initProject.js';

/** Exit codes: 0 written, 2 usage error, 3 a file exists already or could not be written (nothing written), 4 a bug. */
const EXIT = { usage: 2, output: 3, internal: 4 } as const;

export default class Init extends Command {
  static override summary = 'Start a ksdk project: write ksdk.yaml and one message schema, then print the next commands.';

  static override description = `Writes ksdk.yaml (one message with its topic and partition key, a producer, and a subscription with in-process retry and a dead-letter topic) and the message's JSON Schema under schemas/, in the current directory (or --cwd). Edit both, then run \`ksdk generate\`.

Never overwrites: when ksdk.yaml or the schema exists already, nothing is written and the command exits 3 naming the file(s).

With --json the result (files written, topics to create, next commands) or the error is printed as JSON on stdout.

Exit codes: 0 written, 2 usage error, 3 a file exists already or could not be written.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %>', description: 'Scaffold ksdk.yaml and schemas/order-placed.schema.json here.' },
    { command: '<%= config.bin %> <%= command.id %> --message InvoiceIssued --cwd services/billing', description: 'Another message name, another folder.' },
  ];

  static override enableJsonFlag = true;

  static override flags = {
    cwd: Flags.string({ helpValue: '<dir>', description: 'Project directory to write into. Default: the current directory.' }),
    message: Flags.string({
      default: DEFAULT_MESSAGE,
      helpValue: '<Name>',
      description: 'Name of the example message (PascalCase): names its type, schema file, topic, producer and handler.',
    }),
  };

  async run(): Promise<InitResult> {
    const { flags } = await this.parse(Init);
    if (!MESSAGE_NAME.test(flags.message)) {
      process.exitCode = EXIT.usage;
      this.error(`--message must be PascalCase (letters and digits, starting with a capital), not "${flags.message}"`, { exit: EXIT.usage, code: 'KSDK_USAGE' });
    }
    let result: InitResult;
    try {
      result = await initProject({ ...(flags.cwd === undefined ? {} : { cwd: flags.cwd }), message: flags.message });
    } catch (err) {
      const error = toCliError(err);
      const exit = error.code === 'KSDK_INTERNAL' ? EXIT.internal : EXIT.output;
      process.exitCode = exit;
      if (this.jsonEnabled()) throw error;
      this.logToStderr(`ksdk init failed (${error.code}):`);
      for (const issue of error.issues) this.logToStderr(`  ${formatIssue(issue)}`);
      this.exit(exit);
    }
    if (!this.jsonEnabled()) {
      for (const file of result.files) this.log(`  created  ${file}`);
      this.log('');
      this.log('Next:');
      for (const step of result.next) this.log(`  ${step}`);
    }
    return result;
  }

  /** `--json` errors: the stable code and every located issue. */
  protected override toErrorJson(err: unknown): unknown {
    const error = err instanceof KsdkCliError ? err : undefined;
    return { error: { code: error?.code ?? (err as { code?: string }).code, message: err instanceof Error ? err.message : String(err), issues: error?.issues ?? [] } };
  }
}
