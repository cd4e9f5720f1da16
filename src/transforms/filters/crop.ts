import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import type { OnFilterMetrics } from './FilterMetrics.js';
import type { FilterResult } from './FilterResult.js';
import { filterOperator } from './filterOperator.js';
import { scratchIndices } from './scratchIndices.js';

/** A region of interest: pixels `x0 <= x < x0 + width`, `y0 <= y < y0 + height`. */
export interface Roi extends SensorSize {
  readonly x0: number;
  readonly y0: number;
}

/** @throws ConfigError unless the ROI is integers, origin >= 0, size >= 1, inside the Uint16 range. */
export function checkRoi(r: Roi): void {
  const ok = [r.x0, r.y0].every((v) => Number.isInteger(v) && v >= 0)
    && [r.width, r.height].every((v) => Number.isInteger(v) && v >= 1)
    && r.x0 + r.width <= 65536 && r.y0 + r.height <= 65536;
  if (!ok) throw new ConfigError(`crop: bad region x0=${r.x0} y0=${r.y0} ${r.width}×${r.height}`);
}

/**
 * The ROI of a centre crop of `size` on `sensor`, tonic's `CenterCrop` offsets:
 * `x0 = floor((W − w) / 2)`, `y0 = floor((H − h) / 2)`. Unlike tonic (which pads), a crop larger
 * than the sensor is an error.
 *
 * @throws ConfigError when `size` exceeds the sensor.
 * @example
 * centerCropRoi({ width: 346, height: 260 }, { width: 256, height: 256 }) // { x0: 45, y0: 2, width: 256, height: 256 }
 */
export function centerCropRoi(sensor: SensorSize, size: SensorSize): Roi {
  if (size.width > sensor.width || size.height > sensor.height) {
    throw new ConfigError(`crop: ${size.width}×${size.height} does not fit the ${sensor.width}×${sensor.height} sensor`);
  }
  const roi = {
    x0: Math.floor((sensor.width - size.width) / 2), y0: Math.floor((sensor.height - size.height) / 2),
    width: size.width, height: size.height,
  };
  checkRoi(roi);
  return roi;
}

/**
 * Crop: removes the events outside `roi` (counted in `removed`) and shifts the others to the
 * ROI's origin (`x' = x − x0`, `y' = y − y0`); the output's sensor size is the ROI's. Stateless.
 * A ROI reaching beyond the batch's sensor is allowed (that part simply has no events).
 *
 * @example
 * crop(batch, { x0: 10, y0: 20, width: 64, height: 64 }) // events in [10,74)×[20,84), now in [0,64)²
 */
export function crop(b: EventBatch, roi: Roi): FilterResult {
  const { x0, y0, width: w, height: h } = roi;
  const { x, y, t, p } = b;
  const n = t.length;
  const idx = scratchIndices(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    // x − x0 < 0 becomes a huge unsigned value, so one comparison per axis; branch-free append.
    idx[m] = i;
    m += ((x[i]! - x0) >>> 0) < w && ((y[i]! - y0) >>> 0) < h ? 1 : 0;
  }
  const out = { x: new Uint16Array(m), y: new Uint16Array(m), t: new Float64Array(m), p: new Uint8Array(m) };
  for (let j = 0; j < m; j++) {
    const i = idx[j]!;
    out.x[j] = x[i]! - x0;
    out.y[j] = y[i]! - y0;
    out.t[j] = t[i]!;
    out.p[j] = p[i]!;
  }
  return { events: { ...out, width: w, height: h }, removed: n - m };
}

/**
 * {@link crop} as an operator. One output batch per input batch.
 *
 * @throws ConfigError at call time for a bad ROI.
 * @example
 * batches$.pipe(cropFilter(centerCropRoi({ width: 346, height: 260 }, { width: 128, height: 128 })))
 */
export function cropFilter(roi: Roi, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkRoi(roi);
  return filterOperator('crop', () => ({ push: (b: EventBatch) => crop(b, roi) }), onMetrics);
}
