import type { EventBatch } from '../events/EventBatch.js';

/**
 * A window of events cut from a stream by {@link windowEvents}.
 *
 * Bounds are in µs. Time windows are half-open, `[startUs, endUs)`. Count windows and
 * whole-stream bins whose end is the last event's time are closed, `[startUs, endUs]`
 * (`startUs`/`endUs` are then the first and last event's `t`). The binning kernels accept both:
 * they treat `t === endUs` as inside the last time bin.
 */
export interface EventWindow {
  /** Sequence number: time windows count from `originUs` (`startUs = originUs + index·hopUs`, may be negative); count windows and bins from 0. */
  readonly index: number;
  /** Start in µs (inclusive). */
  readonly startUs: number;
  /** End in µs (exclusive for time windows, inclusive for count windows and whole-stream bins). */
  readonly endUs: number;
  /** The events, sorted by `t`. The window owns them (a copy, or a view on a batch nobody mutates). */
  readonly events: EventBatch;
  /**
   * Consecutive windows this record stands for: 1, except for a collapsed run of empty time
   * windows longer than `maxEmptyWindows` (then `events` is empty and the bounds span the run).
   */
  readonly windows: number;
  /** False for the window flushed at the end of the stream before its end was reached. */
  readonly complete: boolean;
  /**
   * Out-of-order events counted since the previous record: each arrived after a window that
   * should hold it was emitted. Those older than every still-open window are not in any window.
   */
  readonly late: number;
  /** Events shed since the previous record because the pending buffer was full (`maxPendingEvents`). */
  readonly dropped: number;
}
