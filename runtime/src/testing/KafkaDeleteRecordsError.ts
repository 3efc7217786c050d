/** One partition DeleteRecords could not move, with why. */
export interface DeleteRecordsFailure {
  partition: number;
  offset: string;
  error: Error & { retriable: boolean };
}

/**
 * kafkajs's `KafkaJSDeleteTopicRecordsError`: `deleteTopicRecords` refused some
 * partitions (`partitions`, each with its error: OFFSET_OUT_OF_RANGE above the
 * high watermark, no leader for a partition the topic does not have).
 * Retriable only when every partition's error is.
 */
export class KafkaDeleteRecordsError extends Error {
  readonly partitions: readonly DeleteRecordsFailure[];
  readonly retriable: boolean;

  constructor(partitions: readonly DeleteRecordsFailure[]) {
    super('Error while deleting records');
    this.name = 'KafkaJSDeleteTopicRecordsError';
    this.partitions = partitions;
    this.retriable = partitions.every((p) => p.error.retriable);
  }
}
