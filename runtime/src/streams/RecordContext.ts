/**
 * Where the value in hand came from, passed to every operator function. For an
 * aggregation's results it describes the internal repartition record that last
 * updated the window.
 */
export interface RecordContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Event time: the record timestamp (ms since epoch), which is what windows use. */
  readonly timestamp: number;
  /** Record key as UTF-8 text, or null. */
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
}
