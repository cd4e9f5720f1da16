/**
 * Flow control between event sources and slow consumers: explicit lossless (pause the producer)
 * and bounded drop-oldest policies, with every drop, late, out-of-order or duplicate event counted.
 */
export { createValve, type Valve } from './Valve.js';
export type { FlowPolicy } from './FlowPolicy.js';
export type { FlowMetrics } from './FlowMetrics.js';
export { FlowOverflowError } from './FlowOverflowError.js';
export { BatchQueue } from './BatchQueue.js';
export { consumeWith } from './consumeWith.js';
export { gatedChunkReader } from './gatedChunkReader.js';
export { countDisorder, initialDisorderState, type DisorderCounts, type DisorderState } from './countDisorder.js';
export { disorderCounter } from './disorderCounter.js';
