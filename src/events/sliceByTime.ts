import { type EventBatch, sliceIndex } from './EventBatch.js';

/** First index whose timestamp is >= `tUs` in a batch sorted by time (binary search). */
export function lowerBoundTime(t: Float64Array, tUs: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < tUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Events with `startUs <= t < endUs`, as a view (no copy).
 * The batch must be sorted by time (as every decoder emits them for monotonic recordings);
 * use {@link filterEvents} for unsorted batches.
 */
export function sliceByTime(b: EventBatch, startUs: number, endUs: number): EventBatch {
  const start = lowerBoundTime(b.t, startUs);
  const end = Math.max(start, lowerBoundTime(b.t, endUs));
  return sliceIndex(b, start, end);
}
