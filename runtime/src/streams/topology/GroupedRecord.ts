import type { GroupKey } from '../GroupKey.js';

/** What flows from a repartition topic into aggregations: the group key and the value. */
export interface GroupedRecord {
  readonly key: GroupKey;
  readonly keyText: string;
  readonly value: unknown;
}
