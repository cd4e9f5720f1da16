/**
 * Stream plumbing shared by sources and sinks: flow control (valves, bounded queues, disorder
 * counts), user-callback safety, batch splitting, pull readers and the connection errors.
 */
export * from './flow/index.js';
export { callSafely, safeCallback } from './safeCallback.js';
export { settleRun } from './settleRun.js';
export { CallbackError } from './CallbackError.js';
export { splitBatch } from './splitBatch.js';
export type { ChunkReader } from './ChunkReader.js';
export { ConnectionError } from './ConnectionError.js';
export { FeedConnectionError } from './FeedConnectionError.js';
