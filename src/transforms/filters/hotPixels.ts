import { ConfigError } from '../../errors.js';
import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import type { FilterResult } from './FilterResult.js';
import { scratchIndices } from './scratchIndices.js';
import { selectEvents } from './selectEvents.js';

/** A pixel address. */
export interface Pixel {
  readonly x: number;
  readonly y: number;
}

/** Adds the events of `b` inside the sensor to per-pixel `counts` (`y·width + x`). */
export function countPixelEvents(b: EventBatch, sensor: SensorSize, counts: Uint32Array): void {
  const { width: w, height: h } = sensor;
  const { x, y } = b;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi >= w || yi >= h) continue;
    const k = yi * w + xi;
    counts[k] = counts[k]! + 1;
  }
}

/**
 * The hot-pixel rule: a pixel is hot when its count exceeds `factor` × the mean count of the
 * active pixels (those with at least one event). Sets `mask[k] = 1` for each hot pixel and returns
 * how many it found. No active pixel, no hot pixel.
 *
 * @example
 * // counts 1, 1, 1, 13 → mean 4; with factor 3 only the 13 (> 12) is hot
 */
export function markHotPixels(counts: Uint32Array, factor: number, mask: Uint8Array): number {
  let total = 0;
  let active = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    total += c;
    if (c > 0) active++;
  }
  if (active === 0) return 0;
  const limit = (factor * total) / active;
  let hot = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! > limit) {
      mask[k] = 1;
      hot++;
    }
  }
  return hot;
}

/**
 * Hot pixels of a whole batch (a recording, or a calibration prefix) by {@link markHotPixels},
 * in raster order.
 *
 * @example
 * detectHotPixels(recording, { width: 346, height: 260 }, 10) // [{ x: 12, y: 200 }]
 */
export function detectHotPixels(b: EventBatch, sensor: SensorSize, factor: number): Pixel[] {
  const counts = new Uint32Array(sensor.width * sensor.height);
  countPixelEvents(b, sensor, counts);
  const mask = new Uint8Array(counts.length);
  markHotPixels(counts, factor, mask);
  const out: Pixel[] = [];
  for (let k = 0; k < mask.length; k++) if (mask[k]) out.push({ x: k % sensor.width, y: Math.floor(k / sensor.width) });
  return out;
}

/**
 * A pixel mask (`y·width + x`, 1 = remove) from a list.
 * @throws ConfigError for a pixel outside the sensor or not an integer.
 */
export function pixelMask(pixels: readonly Pixel[], sensor: SensorSize): Uint8Array {
  const mask = new Uint8Array(sensor.width * sensor.height);
  for (const { x, y } of pixels) {
    if (!(Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < sensor.width && y < sensor.height)) {
      throw new ConfigError(`hotPixels: pixel (${x}, ${y}) is not on the ${sensor.width}×${sensor.height} sensor`);
    }
    mask[y * sensor.width + x] = 1;
  }
  return mask;
}

/**
 * Removes every event of the masked pixels (tonic's `DropPixel` with coordinates). Stateless.
 * Events outside the sensor are removed and counted in `outside`.
 *
 * @example
 * removePixels(batch, pixelMask([{ x: 3, y: 7 }], sensor), sensor)
 */
export function removePixels(b: EventBatch, mask: Uint8Array, sensor: SensorSize): FilterResult {
  const { width: w, height: h } = sensor;
  const { x, y } = b;
  const n = x.length;
  const idx = scratchIndices(n);
  let m = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi >= w || yi >= h) outside++;
    else if (mask[yi * w + xi] === 0) idx[m++] = i;
  }
  return { events: selectEvents(b, idx, m), removed: n - m - outside, outside };
}
