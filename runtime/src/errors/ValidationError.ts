import { boundText } from './boundText.js';
import { KsdkError } from './KsdkError.js';

/** One schema violation, in the shape ajv reports it. */
export interface SchemaViolation {
  /** JSON pointer of the offending value inside the message, e.g. `/items/0/sku`. */
  instancePath: string;
  /** The schema keyword that failed, e.g. `required`, `format`. */
  keyword: string;
  message: string;
}

/**
 * How much of the violations the message names: the first `listed`, each cut to
 * `violationBytes`; `violations` keeps them all. A message with thousands of bad
 * fields would otherwise make a multi-megabyte error (and dead-letter header).
 */
export const VALIDATION_MESSAGE_LIMITS = { listed: 10, violationBytes: 200 } as const;

/** A message does not match its schema. Never retriable: the same bytes fail again. */
export class ValidationError extends KsdkError {
  readonly messageName: string;
  readonly violations: readonly SchemaViolation[];

  constructor(messageName: string, violations: readonly SchemaViolation[], direction: 'outgoing' | 'incoming') {
    const { listed, violationBytes } = VALIDATION_MESSAGE_LIMITS;
    const shown = violations.slice(0, listed).map((v) => boundText(`${v.instancePath || '/'} ${v.message}`, violationBytes));
    const more = violations.length > listed ? ` (and ${violations.length - listed} more violations)` : '';
    super('KSDK_VALIDATION', `${direction} ${messageName} does not match its schema: ${shown.join('; ')}${more}`);
    this.messageName = messageName;
    this.violations = violations;
  }
}
