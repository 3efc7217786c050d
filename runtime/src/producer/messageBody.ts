import type { MessageMetadata } from '../messages/MessageMetadata.js';
import { splitMessage } from '../wire/encodeMessage.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The body of a new message (what is validated and sent as `data`): `splitMessage(message)`,
 * where `message` is `input` with its metadata added (see createMessage). An input that is
 * a plain object with none of the envelope fields of its own already is that body, key for
 * key: it is used as it is instead of being copied. Anything else (a class instance, which
 * may serialize itself with `toJSON`; an own `__proto__` key, which a copy turns into a
 * prototype) is split as before.
 */
export function messageBody(input: object, message: MessageMetadata): Record<string, unknown> {
  if (
    Object.getPrototypeOf(input) === Object.prototype &&
    !hasOwn.call(input, 'id') &&
    !hasOwn.call(input, 'timeStamp') &&
    !hasOwn.call(input, 'raisingComponent') &&
    !hasOwn.call(input, 'tenant') &&
    !hasOwn.call(input, 'conversation') &&
    !hasOwn.call(input, '__proto__')
  ) {
    return input as Record<string, unknown>;
  }
  return splitMessage(message);
}
