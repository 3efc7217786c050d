import { Flags } from '@oclif/core';
import { KsdkCommand } from '../command/KsdkCommand.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { DEFAULT_MESSAGE, initProject, MESSAGE_NAME, type InitResult } from '../init/initProject.js';

export default class Init extends KsdkCommand {
  static override summary = 'Start a ksdk project: write ksdk.yaml and one message schema, then print the next commands.';

  static override description = `Writes the manifest (ksdk.yaml, or --manifest: one message with its topic and partition key, a producer, and a subscription with in-process retry and a dead-letter topic) and the message's JSON Schema under schemas/ next to it, in the current directory (or --cwd). Edit both, then run \`ksdk generate\`.

Never overwrites: when the manifest or the schema exists already, nothing is written and the command exits 3 naming the file(s).

With --json the result (files written, topics to create, next commands) or the error is printed as JSON on stdout.

Exit codes (the same for every ksdk command): 0 written, 2 usage error, 3 a file exists already or could not be written, 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %>', description: 'Scaffold ksdk.yaml and schemas/order-placed.schema.json here.' },
    { command: '<%= config.bin %> <%= command.id %> --message InvoiceIssued --cwd services/billing', description: 'Another message name, another folder.' },
  ];

  static override flags = {
    message: Flags.string({
      default: DEFAULT_MESSAGE,
      helpValue: '<Name>',
      description: 'Name of the example message (PascalCase): names its type, schema file, topic, producer and handler.',
    }),
  };

  async run(): Promise<InitResult> {
    const { flags } = await this.parse(Init);
    if (!MESSAGE_NAME.test(flags.message)) {
      throw new KsdkCliError('KSDK_USAGE', `--message must be PascalCase (letters and digits, starting with a capital), not "${flags.message}"`);
    }
    const result = await initProject({ ...this.project(flags), message: flags.message });
    if (!this.jsonEnabled()) {
      for (const file of result.files) this.log(`  created  ${file}`);
      this.log('');
      this.log('Next:');
      for (const step of result.next) this.log(`  ${step}`);
    }
    return result;
  }
}
