import { KsdkError } from './KsdkError.js';

/** One schema violation, in the shape ajv reports it. */
export interface SchemaViolation {
  /** JSON pointer of the offending value inside the message, e.g. `/items/0/sku`. */
  instancePath: string;
  /** The schema keyword that failed, e.g. `required`, `format`. */
  keyword: string;
  message: string;
}

/** A message does not match its schema. Never retriable: the same bytes fail again. */
export class ValidationError extends KsdkError {
  readonly messageName: string;
  readonly violations: readonly SchemaViolation[];

  constructor(messageName: string, violations: readonly SchemaViolation[], direction: 'outgoing' | 'incoming') {
    const list = violations.map((v) => `${v.instancePath || '/'} ${v.message}`).join('; ');
    super('KSDK_VALIDATION', `${direction} ${messageName} does not match its schema: ${list}`);
    this.messageName = messageName;
    this.violations = violations;
  }
}
