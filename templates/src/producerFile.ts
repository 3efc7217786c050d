import { Scope, VariableDeclarationKind } from 'ts-morph';
import { literal, object, type Entry } from './lib/code.js';
import { emitFile } from './lib/emit.js';
import { importPath, messageModule, producerModule } from './lib/modules.js';
import type { ClientModel, GeneratedFile, ProducerSettingsTemplate, ProducerTemplate } from './model.js';

/** kafkajs `CompressionTypes` values. */
const COMPRESSION: Record<NonNullable<ProducerSettingsTemplate['compression']>, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

/**
 * `producers/<Name>.ts`: a class wrapping the runtime's `KsdkProducer` that
 * exposes publish methods for the producer's declared messages only. The
 * manifest's settings are defaults; the options given to the constructor
 * (connection settings above all) override them.
 */
export function renderProducerFile(model: ClientModel, producer: ProducerTemplate): GeneratedFile {
  const path = `${producerModule(producer.name)}.ts`;
  const content = emitFile(path, model.manifest, (file) => {
    file.addImportDeclaration({
      moduleSpecifier: model.runtimeModule,
      namedImports: [
        { name: 'KsdkProducer' },
        ...['BatchResult', 'DeliveryCallback', 'NewMessage', 'ProducerOptions', 'PublishOptions', 'PublishResult'].map((name) => ({ name, isTypeOnly: true })),
      ],
    });
    for (const m of [...producer.messages].sort()) {
      file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: importPath(path, messageModule(m)), namedImports: [m] });
    }
    file.addImportDeclaration({ moduleSpecifier: importPath(path, 'registry'), namedImports: ['messages'] });

    const settings = settingsEntries(producer);
    const hasProducerConfig = settings.some(([name]) => name === 'producer');
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Settings of ${producer.name} from the manifest; the constructor's options override them.`],
      declarations: [{ name: 'manifestSettings', type: 'Readonly<ProducerOptions>', initializer: object(settings) }],
    });

    const cls = file.addClass({
      isExported: true,
      name: producer.name,
      docs: [
        [
          producer.description ?? `Publishes ${producer.messages.join(', ')}.`,
          '',
          'Constructing it opens no connection: the first publish (or `connect()`) does.',
        ].join('\n'),
      ],
    });
    cls.addProperty({
      name: 'manifestSettings',
      isStatic: true,
      isReadonly: true,
      type: 'Readonly<ProducerOptions>',
      initializer: 'manifestSettings',
      docs: ['The settings the manifest declares for this producer.'],
    });
    cls.addProperty({ name: '#producer', isReadonly: true, type: 'KsdkProducer' });
    cls.addConstructor({
      parameters: [{ name: 'options', type: 'ProducerOptions', initializer: '{}' }],
      docs: ['@param options Connection settings (brokers, SASL/SSL...) and overrides of the manifest\'s settings.'],
      statements: hasProducerConfig
        ? ['this.#producer = new KsdkProducer({ ...manifestSettings, ...options, producer: { ...manifestSettings.producer, ...options.producer } });']
        : ['this.#producer = new KsdkProducer({ ...manifestSettings, ...options });'],
    });
    cls.addGetAccessor({
      name: 'runtime',
      returnType: 'KsdkProducer',
      scope: Scope.Public,
      docs: ['The runtime producer this class wraps.'],
      statements: ['return this.#producer;'],
    });
    cls.addMethod({
      name: 'connect',
      returnType: 'Promise<void>',
      docs: ['Connects now instead of on the first publish.'],
      statements: ['return this.#producer.connect();'],
    });
    for (const m of producer.messages) {
      cls.addMethod({
        name: `publish${m}`,
        parameters: [
          { name: 'message', type: `NewMessage<${m}>` },
          { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
        ],
        returnType: 'Promise<PublishResult>',
        docs: [`Publishes one \`${m}\` (validated first; \`id\` and \`timeStamp\` default to a new UUID and now) and resolves once the broker acknowledged it.`],
        statements: [`return this.#producer.publish(messages.${m}, message, options);`],
      });
      cls.addMethod({
        name: `publish${m}Batch`,
        parameters: [
          { name: 'batch', type: `ReadonlyArray<NewMessage<${m}>>` },
          { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
        ],
        returnType: 'Promise<BatchResult>',
        docs: [`Publishes several \`${m}\` messages (all validated before any is sent), chunked by the batch size.`],
        statements: [`return this.#producer.publishBatch(messages.${m}, batch, options);`],
      });
      cls.addMethod({
        name: `produce${m}`,
        parameters: [
          { name: 'message', type: `NewMessage<${m}>` },
          { name: 'callback', type: 'DeliveryCallback', hasQuestionToken: true },
          { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
        ],
        returnType: 'void',
        docs: [`Fire and forget: queues one \`${m}\`; \`callback\` learns the outcome. \`flush()\` waits for everything queued.`],
        statements: [`this.#producer.produce(messages.${m}, message, callback, options);`],
      });
    }
    cls.addMethod({
      name: 'flush',
      parameters: [{ name: 'timeoutMs', type: 'number', hasQuestionToken: true }],
      returnType: 'Promise<void>',
      docs: ['Waits until every message queued with `produce...` was delivered or failed.'],
      statements: ['return this.#producer.flush(timeoutMs);'],
    });
    cls.addMethod({
      name: 'close',
      returnType: 'Promise<void>',
      docs: ['Flushes and disconnects; safe to call when never connected.'],
      statements: ['return this.#producer.close();'],
    });
  });
  return { path, content };
}

function settingsEntries(producer: ProducerTemplate): Entry[] {
  const s = producer.settings;
  const entries: Entry[] = [['name', literal(producer.name)]];
  if (s.clientId !== undefined) entries.push(['clientId', literal(s.clientId)]);
  entries.push(['source', literal(s.source)], ['wireFormat', literal(s.wireFormat)]);
  if (s.acks !== undefined) entries.push(['acks', String(s.acks)]);
  if (s.timeoutMs !== undefined) entries.push(['timeoutMs', String(s.timeoutMs)]);
  if (s.compression !== undefined) entries.push(['compression', String(COMPRESSION[s.compression])]);
  if (s.lingerMs !== undefined) entries.push(['lingerMs', String(s.lingerMs)]);
  if (s.batchSize !== undefined) entries.push(['batchSize', String(s.batchSize)]);
  const config: Entry[] = [];
  if (s.idempotent !== undefined) config.push(['idempotent', String(s.idempotent)]);
  if (s.maxInFlight !== undefined) config.push(['maxInFlightRequests', String(s.maxInFlight)]);
  if (s.retries !== undefined) config.push(['retry', object([['retries', String(s.retries)]])]);
  if (config.length > 0) entries.push(['producer', object(config)]);
  return entries;
}
