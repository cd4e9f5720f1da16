import type { EventBatch } from '../events/EventBatch.js';

/** True when `t[from..to)` never decreases. */
function isSorted(t: Float64Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

/**
 * Events ordered by time, stably (events with equal `t` keep their order). Returns the input
 * itself when it is already sorted; otherwise new arrays (one index array and four columns are
 * allocated per call, nothing per event). Lives in transforms because the windowing layer is its
 * only user; it could move to `src/events/`.
 *
 * @param b the events; any batch, columns may share one buffer.
 * @returns a batch sorted by `t` (µs), same sensor size.
 * @example
 * const sorted = sortByTime(batch); // sorted === batch when it was in order
 */
export function sortByTime(b: EventBatch): EventBatch {
  const n = b.t.length;
  if (isSorted(b.t, 0, n)) return b;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const t = b.t;
  // TypedArray#sort is not guaranteed stable; the index tie-break makes it so.
  idx.sort((i, j) => t[i]! - t[j]! || i - j);
  const out = {
    x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    out.x[k] = b.x[i]!;
    out.y[k] = b.y[i]!;
    out.t[k] = t[i]!;
    out.p[k] = b.p[i]!;
  }
  return { ...out, width: b.width, height: b.height };
}
