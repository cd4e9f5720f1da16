import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import { type EventBatch, type SensorSize, emptyBatch, sliceIndex } from '../../events/EventBatch.js';
import { concatBatches } from '../../events/concatBatches.js';
import { checkSensor } from './checkSensor.js';
import type { OnFilterMetrics } from './FilterMetrics.js';
import type { FilterResult } from './FilterResult.js';
import { type StreamFilter, filterOperator } from './filterOperator.js';
import { type Pixel, countPixelEvents, markHotPixels, pixelMask, removePixels } from './hotPixels.js';

/** Options of {@link hotPixelFilter}: known hot pixels, detection, or both. */
export interface HotPixelOptions extends SensorSize {
  /** Pixels always removed. */
  readonly pixels?: readonly Pixel[];
  /**
   * Detect hot pixels on the first `calibrationEvents` events of the stream (any batching gives the
   * same prefix) by {@link markHotPixels} with `factor`; those events are held until the prefix is
   * complete (or the stream ends), then filtered like the rest.
   */
  readonly detect?: { readonly factor: number; readonly calibrationEvents: number };
}

class CalibratingFilter implements StreamFilter {
  private held: EventBatch[] = [];
  private heldCount = 0;
  private counts: Uint32Array | null;

  constructor(private readonly o: HotPixelOptions, private readonly mask: Uint8Array) {
    this.counts = o.detect ? new Uint32Array(o.width * o.height) : null;
  }

  push(b: EventBatch): FilterResult {
    const detect = this.o.detect;
    if (!this.counts || !detect) return removePixels(b, this.mask, this.o);
    const take = Math.min(b.t.length, detect.calibrationEvents - this.heldCount);
    const head = sliceIndex(b, 0, take);
    countPixelEvents(head, this.o, this.counts);
    this.held.push(b);
    this.heldCount += take;
    if (this.heldCount < detect.calibrationEvents) return { events: emptyBatch(b), removed: 0 };
    return this.release();
  }

  flush(): FilterResult | null {
    return this.counts && this.held.length > 0 ? this.release() : null;
  }

  /** Fixes the hot set from the prefix and filters every held event. */
  private release(): FilterResult {
    markHotPixels(this.counts!, this.o.detect!.factor, this.mask);
    const all = concatBatches(this.held);
    this.counts = null;
    this.held = [];
    return removePixels(all, this.mask, this.o);
  }
}

/**
 * Hot-pixel removal on a stream: removes the events of the listed pixels and of the pixels
 * detected on a calibration prefix (see {@link HotPixelOptions}). Without `detect` it is
 * stateless and emits one batch per input batch; with it, the batches of the prefix give empty
 * output (counted in `held`) and the batch that completes it gives the whole filtered prefix.
 *
 * @throws ConfigError at call time for a bad sensor size, pixel, factor or calibration length.
 * @example
 * batches$.pipe(hotPixelFilter({ width: 640, height: 480, detect: { factor: 20, calibrationEvents: 100_000 } }))
 */
export function hotPixelFilter(o: HotPixelOptions, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkSensor('hotPixels', o);
  const base = pixelMask(o.pixels ?? [], o);
  if (o.detect) {
    const { factor, calibrationEvents } = o.detect;
    if (!(Number.isFinite(factor) && factor > 0)) throw new ConfigError(`hotPixels: factor must be > 0, got ${factor}`);
    if (!(Number.isSafeInteger(calibrationEvents) && calibrationEvents >= 1)) {
      throw new ConfigError(`hotPixels: calibrationEvents must be an integer >= 1, got ${calibrationEvents}`);
    }
  }
  return filterOperator('hotPixels', () => new CalibratingFilter(o, base.slice()), onMetrics);
}
