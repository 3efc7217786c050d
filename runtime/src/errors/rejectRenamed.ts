import { KsdkError } from './KsdkError.js';

/**
 * ksdk names each setting once. A key it renamed (or that a kafkajs passthrough
 * object would use to set a named setting a second way) is refused with the key
 * to use instead, never silently ignored: TypeScript already rejects these keys,
 * this is for JavaScript callers and untyped configuration.
 * `renamed` maps the refused key to what to write instead.
 */
export function rejectRenamed(where: string, options: object | undefined, renamed: Readonly<Record<string, string>>): void {
  if (options === undefined || options === null) return;
  for (const [key, instead] of Object.entries(renamed)) {
    if (Object.hasOwn(options, key)) throw new KsdkError('KSDK_CONFIG', `${where}: "${key}" is not supported; use ${instead} instead`);
  }
}
