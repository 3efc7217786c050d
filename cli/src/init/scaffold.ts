/** The names `ksdk init` fills its two files with; every one is already safe where it goes. */
export interface Scaffold {
  /** Lower-case slug of the app (`[a-z0-9-]`). */
  app: string;
  /** PascalCase message name. */
  message: string;
  schemaFile: string;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  producer: string;
  subscription: string;
}

/** The scaffolded `ksdk.yaml`: one message, its producer, a subscription with retry and a dead-letter topic. */
export function manifestText(s: Scaffold): string {
  return `# yaml-language-server: $schema=node_modules/@ksdk/cli/schemas/ksdk-manifest.schema.json
#
# The ksdk manifest: message schemas, topics, producers and subscriptions.
# \`npx ksdk generate\` turns it into a typed client in src/generated/ (commit it;
# \`npx ksdk generate --check\` in CI fails when it is stale).
source: urn:${s.app}
output: src/generated

messages:
  ${s.message}:
    schema: ${s.schemaFile}
    topic: ${s.topic}
    partitionKey: { strategy: property, property: orderId }

producers:
  ${s.producer}: { messages: [${s.message}] }

subscriptions:
  # A handler that returns false (or throws) is retried in-process; after the last
  # attempt the record goes to the dead-letter topic with the reason.
  - name: ${s.subscription}
    message: ${s.message}
    groupId: ${s.groupId}
    retry: { mode: in-process, maxAttempts: 3, initialBackoff: 200ms, exponential: true }
    deadLetterTopic: ${s.deadLetterTopic}

# Topics, with the settings \`npx ksdk topics apply\` creates them with (unset: the broker's
# defaults). Every topic a subscription reads, forwards to or dead-letters to is declared
# here; a message's topic counts as declared.
topics:
  ${s.topic}: { partitions: 3 }
  ${s.deadLetterTopic}: { partitions: 1 }
`;
}

/** The scaffolded JSON Schema of the message body. */
export function schemaText(s: Scaffold): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: s.message,
    description: `The body of a ${s.message} message. Edit it: \`npx ksdk generate\` turns it into the ${s.message} type and its validator.`,
    type: 'object',
    required: ['orderId', 'amount'],
    properties: {
      orderId: { type: 'string', minLength: 1, description: 'Also the partition key: one order, one partition, in order.' },
      amount: { type: 'number', minimum: 0 },
      note: { type: 'string', maxLength: 500 },
    },
    additionalProperties: false,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
