/** Running totals a stream app reports in `status()`. */
export interface StreamCounters {
  /** Input records processed and committed. */
  processed: number;
  /** Records dropped by an aggregation because their windows had closed. */
  late: number;
  /** Records skipped: undecodable, or grouped under a null key. */
  skipped: number;
}
