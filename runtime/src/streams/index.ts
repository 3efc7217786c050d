export * from './TopicDescriptor.js';
export * from './RecordContext.js';
export { type GroupKey, keyText, encodeGroupKey, decodeGroupKey, GROUP_KEY_FORMAT_HEADER } from './GroupKey.js';
export * from './TimeWindows.js';
export * from './TimestampExtractor.js';
export * from './SessionWindows.js';
export * from './WindowResult.js';
// Stream events are runtime events (observability/); their names are exported with the streams.
export type { StreamCommitFailedEvent, StreamLateRecordEvent, StreamRecordSkippedEvent, StreamStateRestoredEvent } from '../observability/StreamEvents.js';
export * from './StreamAppOptions.js';
export type {
  KStream,
  StreamPredicate,
  BranchValue,
  BranchedStreams,
  GroupByOptions,
  GroupByKeyOptions,
  GroupedStream,
  TimeWindowedStream,
  SessionWindowedStream,
  WindowedTable,
} from './KStream.js';
export { StreamApp } from './StreamApp.js';
export type { StreamAppState, StreamAppStatus, StreamTaskStatus } from './StreamAppStatus.js';
