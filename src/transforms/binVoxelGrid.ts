import type { EventBatch } from '../events/EventBatch.js';
import type { BinResult, TimeBounds } from './binFrames.js';
import { frameGeometry } from './frameGeometry.js';

/** Options of {@link binVoxelGrid}. */
export interface VoxelOptions {
  /** Temporal bins `T` (integer >= 1). */
  readonly bins: number;
  /**
   * `signed`: `[T, H, W]`, ON adds +w, OFF adds −w (rpg_e2vid, tonic `ToVoxelGrid`);
   * `split`: `[T, H, W, 2]`, channel 0 = OFF, 1 = ON, both add +w.
   */
  readonly polarity: 'signed' | 'split';
  /** Grid width in pixels (default: the batch's sensor width). */
  readonly width?: number;
  /** Grid height in pixels (default: the batch's sensor height). */
  readonly height?: number;
}

/**
 * Voxel grid with bilinear weights in time (Zhu et al. 2019; rpg_e2vid's `events_to_voxel_grid`):
 * `τ = (T − 1)·(t − startUs)/(endUs − startUs)` (τ = 0 when `endUs = startUs`); the event adds
 * `1 − (τ − ⌊τ⌋)` to bin `⌊τ⌋` and `τ − ⌊τ⌋` to bin `⌊τ⌋ + 1` (when < T), i.e. weight
 * `max(0, 1 − |τ − k|)` to every bin `k`. With bounds = first and last event, the first event
 * lands wholly in bin 0 and the last wholly in bin T−1. (tonic's `to_voxel_grid_numpy` scales by
 * `T` instead of `T − 1` and so drops half of the last bin's weight; we follow rpg_e2vid.)
 * Layout row-major, `[T, H, W]` or `[T, H, W, 2]`; adds into `out` from `offset` when given
 * (not cleared), else allocates (the caller owns it). Events off the sensor or with `t` outside
 * `[startUs, endUs]` are counted, never written. No per-event allocation.
 *
 * @throws ConfigError on non-integer or non-positive sizes or an `out` too short.
 * @example
 * const { data } = binVoxelGrid(events, { startUs: t0, endUs: t1 }, { bins: 5, polarity: 'signed' });
 */
export function binVoxelGrid(b: EventBatch, bounds: TimeBounds, o: VoxelOptions, out?: Float32Array, offset = 0): BinResult {
  const channels = o.polarity === 'split' ? 2 : 1;
  const g = frameGeometry(b, o, o.bins, channels, out, offset);
  const data = out ?? new Float32Array(g.size);
  const counts = new Float64Array(2);
  addVoxels(b, g.width, g.height, o.bins, channels, bounds, data, offset, counts);
  return { data, outside: counts[0]!, outOfWindow: counts[1]! };
}

function addVoxels(b: EventBatch, W: number, H: number, bins: number, channels: number, bounds: TimeBounds,
  data: Float32Array, offset: number, counts: Float64Array): void {
  const { x, y, t, p } = b;
  const s = bounds.startUs;
  const e = bounds.endUs;
  const scale = e > s ? (bins - 1) / (e - s) : 0;
  const plane = H * W * channels;
  let outside = 0;
  let outOfWindow = 0;
  for (let i = 0; i < t.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const ti = t[i]!;
    if (xi >= W || yi >= H) { outside++; continue; }
    if (!(ti >= s && ti <= e)) { outOfWindow++; continue; }
    const tau = (ti - s) * scale;
    const k = Math.floor(tau);
    const right = tau - k;
    const on = p[i]! > 0;
    const sign = channels === 2 || on ? 1 : -1;
    const j = offset + k * plane + (yi * W + xi) * channels + (channels === 2 && on ? 1 : 0);
    data[j] = data[j]! + sign * (1 - right);
    if (right > 0 && k + 1 < bins) data[j + plane] = data[j + plane]! + sign * right;
  }
  counts[0] = outside;
  counts[1] = outOfWindow;
}
