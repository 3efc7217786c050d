/** Running totals a stream app reports in `status()`. */
export interface StreamCounters {
  /** Records of the app's input topics processed and committed. */
  processed: number;
  /** Records of its internal repartition topics processed and committed (each also counted once in `processed`, upstream). */
  repartitioned: number;
  /** Records an aggregation dropped because (some of) their windows had closed. */
  late: number;
  /** Records skipped: undecodable, an invalid timestamp, or grouped under a null key. */
  skipped: number;
  /**
   * Kafka Streams' `dropped-records-total`: skipped records, plus one per window a
   * record came too late for (a hopping-window record can be late for several).
   */
  dropped: number;
}
