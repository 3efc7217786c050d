/**
 * What `groupBy` may group by. Keys cross the repartition topic and the
 * changelog as JSON, so they must survive `JSON.stringify` unchanged; two keys
 * are the same group when their JSON text is equal.
 */
export type GroupKey = string | number | boolean | readonly (string | number | boolean)[];

/** The JSON text of a key: its identity in state, its record key and its partition. */
export function keyText(key: GroupKey): string {
  return JSON.stringify(key);
}
