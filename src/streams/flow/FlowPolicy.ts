import type { Valve } from './Valve.js';

/**
 * How a bounded queue between a producer and a slow consumer behaves when the consumer falls
 * behind. Nothing is ever buffered without bound:
 *
 * - `lossless` (files, recordings): at `highWaterBatches` queued the `valve` is closed so the
 *   producer stops reading (a paused socket pushes back through TCP; a gated file reader reads no
 *   further); it reopens at half that. A producer that ignores the valve and overfills the queue
 *   past `maxBatches` is an error ({@link FlowOverflowError}), never silent growth or loss.
 * - `dropOldest` (live input): at most `maxBatches` batches and `maxEvents` events wait; when a
 *   new batch does not fit, the oldest are dropped and their events counted.
 */
export type FlowPolicy =
  | {
    readonly kind: 'lossless';
    readonly valve: Valve;
    /** Queue length at which the valve closes (default 8). */
    readonly highWaterBatches?: number;
    /** Hard bound of the queue (default 1024). */
    readonly maxBatches?: number;
  }
  | {
    readonly kind: 'dropOldest';
    readonly maxBatches: number;
    /** Default: no bound on events (only on batches). */
    readonly maxEvents?: number;
  };
