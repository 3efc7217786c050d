import { Scope, StructureKind, VariableDeclarationKind, type MethodDeclarationStructure, type OptionalKind } from 'ts-morph';
import { doc, ident, literal, member, object, ts, type Entry } from './lib/code.js';
import { emitFile, type Statement } from './lib/emit.js';
import { fileOf, importPath, messageModule, producerModule } from './lib/modules.js';
import { runtimeImports } from './lib/runtimeImports.js';
import type { ClientCodeModel, GeneratedFile, ProducerTemplate } from './model.js';

/**
 * `producers/<Name>.ts`: a class wrapping the runtime's `KsdkProducer` that
 * exposes publish methods for the producer's declared messages only. The
 * manifest's settings are defaults; the options given to the constructor
 * (connection settings above all) override them.
 */
export function renderProducerFile(model: ClientCodeModel, producer: ProducerTemplate): GeneratedFile {
  const path = fileOf(producerModule(producer.name));
  const methods: Array<OptionalKind<MethodDeclarationStructure>> = [
    {
      name: 'connect',
      returnType: 'Promise<void>',
      docs: ['Connects now instead of on the first publish.'],
      statements: ['return this.#producer.connect();'],
    },
  ];
  for (const name of producer.messages) {
    const m = ident(name);
    const descriptor = member(ident('messages'), name);
    methods.push(
      {
        name: ts`publish${m}`,
        parameters: [
          { name: 'message', type: ts`NewMessage<${m}>` },
          { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
        ],
        returnType: 'Promise<PublishResult>',
        docs: [doc`Publishes one \`${name}\` (validated first; \`id\` and \`timeStamp\` default to a new UUID and now) and resolves once the broker acknowledged it.`],
        statements: [ts`return this.#producer.publish(${descriptor}, message, options);`],
      },
      {
        name: ts`publish${m}Batch`,
        parameters: [
          { name: 'batch', type: ts`ReadonlyArray<NewMessage<${m}>>` },
          { name: 'options', type: 'PublishBatchOptions', hasQuestionToken: true },
        ],
        returnType: 'Promise<BatchResult>',
        docs: [
          doc`Publishes several \`${name}\` messages in chunks of \`batchSize\`, each acknowledged before the next; every message ends up in \`succeeded\` or \`failed\` (this does not throw for failed messages).`,
        ],
        statements: [ts`return this.#producer.publishBatch(${descriptor}, batch, options);`],
      },
      {
        name: ts`produce${m}`,
        parameters: [
          { name: 'message', type: ts`NewMessage<${m}>` },
          { name: 'callback', type: 'DeliveryCallback', hasQuestionToken: true },
          { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
        ],
        returnType: 'string',
        docs: [doc`Fire and forget: queues one \`${name}\` and returns its id; \`callback\` learns the outcome. \`flush()\` or \`close()\` before exit.`],
        statements: [ts`return this.#producer.produce(${descriptor}, message, callback, options);`],
      },
    );
  }
  methods.push(
    {
      name: 'flush',
      parameters: [{ name: 'timeoutMs', type: 'number', hasQuestionToken: true }],
      returnType: 'Promise<number>',
      docs: ['Sends what is queued and waits until it was delivered or failed (or `timeoutMs` passed); resolves with how many are still pending.'],
      statements: ['return this.#producer.flush(timeoutMs);'],
    },
    {
      name: 'close',
      parameters: [{ name: 'options', type: 'CloseOptions', hasQuestionToken: true }],
      returnType: 'Promise<void>',
      docs: ['Delivers what is pending, then disconnects; safe to call twice and when never connected.'],
      statements: ['return this.#producer.close(options);'],
    },
  );

  const content = emitFile(path, model.manifest, [
    ...runtimeImports(['KsdkProducer', 'BatchResult', 'CloseOptions', 'DeliveryCallback', 'NewMessage', 'ProducerOptions', 'PublishBatchOptions', 'PublishOptions', 'PublishResult']),
    ...[...producer.messages].sort().map((m): Statement => ({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: importPath(path, messageModule(m)),
      namedImports: [ident(m)],
    })),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: importPath(path, 'registry'), namedImports: ['messages'] },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [doc`Settings of ${producer.name} from the manifest; the constructor's options override them.`],
      declarations: [{ name: 'manifestSettings', type: 'Readonly<ProducerOptions>', initializer: object(settingsEntries(producer)) }],
    },
    {
      kind: StructureKind.Class,
      isExported: true,
      name: ident(producer.name),
      docs: [
        doc([
          producer.description ?? doc`Publishes ${producer.messages.join(', ')}.`,
          '',
          'Constructing it opens no connection: the first publish (or `connect()`) does.',
        ].join('\n')),
      ],
      properties: [
        {
          name: 'manifestSettings',
          isStatic: true,
          isReadonly: true,
          type: 'Readonly<ProducerOptions>',
          initializer: 'manifestSettings',
          docs: ['The settings the manifest declares for this producer.'],
        },
        { name: '#producer', isReadonly: true, type: 'KsdkProducer' },
      ],
      ctors: [
        {
          parameters: [{ name: 'options', type: 'ProducerOptions', initializer: '{}' }],
          docs: ['@param options Connection settings (brokers, SASL/SSL...) and overrides of the manifest\'s settings.'],
          statements: ['this.#producer = new KsdkProducer({ ...manifestSettings, ...options });'],
        },
      ],
      getAccessors: [
        {
          name: 'runtime',
          returnType: 'KsdkProducer',
          scope: Scope.Public,
          docs: ['The runtime producer this class wraps.'],
          statements: ['return this.#producer;'],
        },
      ],
      methods,
    },
  ]);
  return { path, content };
}

function settingsEntries(producer: ProducerTemplate): Entry[] {
  const s = producer.settings;
  const entries: Entry[] = [['name', literal(producer.name)]];
  if (s.clientId !== undefined) entries.push(['clientId', literal(s.clientId)]);
  entries.push(['source', literal(s.source)], ['wireFormat', literal(s.wireFormat)]);
  const numbers: Array<[string, number | undefined]> = [
    ['acks', s.acks],
    ['timeoutMs', s.timeoutMs],
    ['maxInFlight', s.maxInFlight],
    ['retries', s.retries],
    ['lingerMs', s.lingerMs],
    ['batchSize', s.batchSize],
  ];
  if (s.compression !== undefined) entries.push(['compression', literal(s.compression)]);
  if (s.idempotent !== undefined) entries.push(['idempotent', literal(s.idempotent)]);
  for (const [name, value] of numbers) if (value !== undefined) entries.push([name, literal(value)]);
  return entries;
}
