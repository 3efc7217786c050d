import type { ComponentStatus } from '../worker/Worker.js';
import type { ProcessingGuarantee } from './StreamAppOptions.js';

export type StreamAppState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface StreamTaskStatus {
  topic: string;
  partition: number;
  state: 'restoring' | 'running';
  /** Live windows (or sessions) in this task's state. */
  windows: number;
}

export interface StreamAppStatus extends ComponentStatus {
  applicationId: string;
  guarantee: ProcessingGuarantee;
  state: StreamAppState;
  /** The partitions this instance owns now. */
  tasks: StreamTaskStatus[];
  /** Records of the app's input topics processed and committed. */
  processedRecords: number;
  /** Records of its internal repartition topics processed and committed (the second hop of a `groupBy`). */
  repartitionRecords: number;
  /** Records an aggregation dropped as late (each counted once, whatever the number of windows). */
  lateRecords: number;
  /** Records skipped: poison, invalid event time, null group key. */
  skippedRecords: number;
  /** Kafka Streams' `dropped-records-total`: skipped records plus one per window a record was late for. */
  droppedRecords: number;
}
