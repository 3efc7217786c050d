/**
 * Record headers as a client takes and hands them: text or bytes per name, a
 * repeated header as an array. (The shape of kafkajs's `IHeaders`.)
 */
export interface RecordHeaders {
  [name: string]: Buffer | string | (Buffer | string)[] | undefined;
}
