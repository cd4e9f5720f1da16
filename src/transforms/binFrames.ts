import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import { frameGeometry } from './frameGeometry.js';

/** Frame cell values: counts, 0/1, or counts clipped at `clipMax`. */
export type FrameValues = 'count' | 'binary' | { readonly clipMax: number };

/** Options of {@link binFrames}. */
export interface FrameOptions {
  /** Frame width in pixels (default: the batch's sensor width). */
  readonly width?: number;
  /** Frame height in pixels (default: the batch's sensor height). */
  readonly height?: number;
  /** Time bins `T` the window is cut into (default 1). */
  readonly timeBins?: number;
  /** Default `'count'`. */
  readonly values?: FrameValues;
}

/** Window bounds in µs: `[startUs, endUs]`, closed (an event at `endUs` goes to the last bin). */
export interface TimeBounds {
  readonly startUs: number;
  readonly endUs: number;
}

/** What {@link binFrames} and {@link binVoxelGrid} wrote and what they left out. */
export interface BinResult {
  /** The tensor (the caller's array when one was given). */
  readonly data: Float32Array;
  /** Events with `x >= width` or `y >= height`: counted, not written. */
  readonly outside: number;
  /** Events with `t` outside `[startUs, endUs]`: counted, not written. */
  readonly outOfWindow: number;
}

/**
 * The largest value a frame cell holds for these values: Infinity (`count`), 1 (`binary`) or
 * `clipMax`. Shared with the event attacks, whose cells must cap exactly as the frames do.
 * @throws ConfigError for a `clipMax` that is not > 0.
 */
export function frameValueCap(v: FrameValues | undefined): number {
  if (v === undefined || v === 'count') return Infinity;
  if (v === 'binary') return 1;
  if (!(v.clipMax > 0)) throw new ConfigError(`clipMax must be > 0, got ${v.clipMax}`);
  return v.clipMax;
}

/**
 * Bins events into spike frames `[T, H, W, 2]` (float32, NHWC, row-major: index
 * `((k·H + y)·W + x)·2 + c`), channel `c` = polarity: **0 = OFF, 1 = ON** (any `p > 0` is ON).
 * Time bin `k = floor((t − startUs)·T / (endUs − startUs))`, with `t = endUs` in bin `T−1`
 * (all in bin 0 when `endUs = startUs`). Cells are incremented by 1 and clipped at 1 (`binary`)
 * or `clipMax`. Events off the sensor or outside the bounds are counted, never written.
 *
 * Adds into `out` from `offset` when given (it is not cleared: pass zeros, or accumulate on
 * purpose); otherwise allocates a zeroed array, which the caller owns. No per-event allocation.
 *
 * @throws ConfigError on non-integer or non-positive sizes, `clipMax <= 0`, or an `out` too short.
 * @example
 * const { data } = binFrames(w.events, w, { width: 34, height: 34, timeBins: 5 }); // w: EventWindow
 */
export function binFrames(b: EventBatch, bounds: TimeBounds, o: FrameOptions = {}, out?: Float32Array, offset = 0): BinResult {
  const bins = o.timeBins ?? 1;
  const clip = frameValueCap(o.values);
  const g = frameGeometry(b, o, bins, 2, out, offset);
  const data = out ?? new Float32Array(g.size);
  const counts = new Float64Array(2);
  const kernel = clip === Infinity ? addCounts : addClipped;
  kernel(b.x, b.y, b.t, b.p, g.width, g.height, bins, bounds.startUs, bounds.endUs, clip, data, offset, counts);
  return { data, outside: counts[0]!, outOfWindow: counts[1]! };
}

// The hot loops take primitives only (keeps V8's optimised code monomorphic) and come in two
// copies, plain counts and clipped, because the clip test measured ~20% of the loop.
// Polarity `(p + 255) >> 8` is 1 for any p > 0, without a branch.

function addCounts(x: Uint16Array, y: Uint16Array, t: Float64Array, p: Uint8Array, W: number, H: number, bins: number,
  s: number, e: number, _clip: number, data: Float32Array, offset: number, counts: Float64Array): void {
  const n = t.length;
  const scale = e > s ? bins / (e - s) : 0;
  const last = bins - 1;
  const plane = H * W * 2;
  let outside = 0;
  let outOfWindow = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const ti = t[i]!;
    if (xi >= W || yi >= H) { outside++; continue; }
    if (!(ti >= s && ti <= e)) { outOfWindow++; continue; }
    let k = ((ti - s) * scale) | 0; // truncation = floor, as ti >= s; 2x faster than Math.floor
    if (k > last) k = last;
    data[offset + k * plane + (yi * W + xi) * 2 + ((p[i]! + 255) >> 8)]!++;
  }
  counts[0] = outside;
  counts[1] = outOfWindow;
}

function addClipped(x: Uint16Array, y: Uint16Array, t: Float64Array, p: Uint8Array, W: number, H: number, bins: number,
  s: number, e: number, clip: number, data: Float32Array, offset: number, counts: Float64Array): void {
  const n = t.length;
  const scale = e > s ? bins / (e - s) : 0;
  const last = bins - 1;
  const plane = H * W * 2;
  let outside = 0;
  let outOfWindow = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const ti = t[i]!;
    if (xi >= W || yi >= H) { outside++; continue; }
    if (!(ti >= s && ti <= e)) { outOfWindow++; continue; }
    let k = ((ti - s) * scale) | 0;
    if (k > last) k = last;
    const j = offset + k * plane + (yi * W + xi) * 2 + ((p[i]! + 255) >> 8);
    const v = data[j]! + 1;
    data[j] = v > clip ? clip : v;
  }
  counts[0] = outside;
  counts[1] = outOfWindow;
}
