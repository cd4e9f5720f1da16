import type { EventBatch } from '../events/EventBatch.js';
import type { EventWindow } from './EventWindow.js';

/**
 * An incremental windowing kernel: feed batches in stream order, receive finished windows
 * through `emit` (synchronously, in order); `flush` at the end of the stream emits what is
 * still open. One instance per stream (per subscription): it holds the stream's pending events.
 */
export interface Windower {
  /** Takes one batch (any length, any split of the stream). */
  push(b: EventBatch, emit: (w: EventWindow) => void): void;
  /** Ends the stream: emits the last (partial) window(s), if any. */
  flush(emit: (w: EventWindow) => void): void;
}
