/**
 * What the templates render: a plain, fully resolved description of the
 * client. The pipeline (`cli/src/generate`) builds it; templates never read
 * files, schemas or the manifest themselves. Every list is already in output
 * order, so rendering is a pure function of this model.
 */
export interface ClientModel {
  /** The manifest path relative to the project, shown in every file header. */
  manifest: string;
  /** Module the validators import ajv's runtime helpers from: `@ksdk/runtime/validation`. */
  validationModule: string;
  messages: MessageTemplate[];
  /** The body validators of every message: one ajv standalone module per JSON Schema draft in use (nearly always one). */
  validators: ValidatorModuleTemplate[];
  /** Types shared by several messages (definitions in non-message schema files); `undefined` when there are none. */
  definitions: TypeModuleTemplate | undefined;
  producers: ProducerTemplate[];
  subscriptions: SubscriptionTemplate[];
  topics: TopicTemplate[];
}

/** The model without the validators: what every file but the validator files is rendered from. */
export type ClientCodeModel = Omit<ClientModel, 'validators'>;

/** A type-only import a type module needs. */
export interface TypeImport {
  /** Module path relative to the output root, without extension: `definitions`, `messages/OrderPlaced`. */
  module: string;
  names: string[];
}

/** TypeScript declarations produced by json-schema-to-typescript, plus the imports they need. */
export interface TypeModuleTemplate {
  /** Declarations, in output order; each is complete TypeScript text. */
  declarations: string[];
  imports: TypeImport[];
}

export type WireFormat = 'structured' | 'binary' | 'plain';

export type PartitionKeyTemplate =
  | { strategy: 'message-id' }
  | { strategy: 'unique-key' }
  | { strategy: 'round-robin' }
  | { strategy: 'sticky'; durationMs: number }
  | { strategy: 'time-window'; windowMs: number }
  | { strategy: 'property'; property: string }
  | { strategy: 'murmur3'; property: string }
  /** `module` is relative to the output root, e.g. `../keys.js`. */
  | { strategy: 'custom'; module: string; exportName: string };

export interface MessageTemplate {
  name: string;
  /** Name of the body type json-schema-to-typescript declared: `OrderPlacedData`. */
  dataTypeName: string;
  /** True when the body is an interface (`extends` works); false for a union or alias (an intersection is emitted). */
  dataIsInterface: boolean;
  description: string | undefined;
  /** Schema path relative to the project. */
  schemaFile: string;
  types: TypeModuleTemplate;
  /** CloudEvents type. */
  cloudEventType: string;
  subject: string | undefined;
  topic: string;
  partitionKey: PartitionKeyTemplate | undefined;
}

/** The ajv standalone code that validates the bodies of the messages of one JSON Schema draft. */
export interface ValidatorModuleTemplate {
  /** `draft-07`, `draft-2019-09` or `draft-2020-12`: names the module. */
  draft: string;
  /**
   * ajv's ESM code, helpers already imported from the validation module; it exports
   * one validator per entry of `exports`. Emitted as it is, never reformatted.
   */
  code: string;
  /** Each message whose body it validates, with the name `code` exports its validator under. */
  exports: Array<{ message: string; name: string }>;
}

export interface ProducerSettingsTemplate {
  clientId: string | undefined;
  source: string;
  wireFormat: WireFormat;
  acks: -1 | 0 | 1 | undefined;
  idempotent: boolean | undefined;
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd' | undefined;
  lingerMs: number | undefined;
  batchSize: number | undefined;
  maxInFlight: number | undefined;
  retries: number | undefined;
  timeoutMs: number | undefined;
}

export interface ProducerTemplate {
  name: string;
  description: string | undefined;
  messages: string[];
  settings: ProducerSettingsTemplate;
}

export type RetryTemplate =
  | {
      mode: 'in-process';
      maxAttempts: number | undefined;
      initialBackoffMs: number | undefined;
      exponential: boolean | undefined;
      maxBackoffMs: number | undefined;
      jitter: number | undefined;
    }
  | { mode: 'topic-chain'; nextTopic: string }
  | { mode: 'none' };

export interface SubscriptionTemplate {
  name: string;
  /** `OrderProcessorHandler`. */
  handlerName: string;
  description: string | undefined;
  topic: string;
  groupId: string;
  messages: string[];
  consumers: number | undefined;
  retry: RetryTemplate | undefined;
  deadLetterTopic: string | undefined;
  processingDelayMs: number | undefined;
  onExhausted: 'stop' | 'skip' | undefined;
  concurrency: number | undefined;
  fromBeginning: boolean | undefined;
}

export interface TopicTemplate {
  name: string;
  /** Message names, sorted: those published to it, read from it, or forwarded or dead-lettered to it. */
  messages: string[];
  /** Declared settings; undefined: the broker's default. */
  partitions: number | undefined;
  replicationFactor: number | undefined;
  /** Topic configs, sorted by name. */
  config: Record<string, string>;
  deadLetter: boolean;
}

/** One rendered file; `path` is relative to the output folder, `/`-separated. */
export interface GeneratedFile {
  path: string;
  content: string;
}
