import type { EventBatch } from '../events/EventBatch.js';
import { type FrameValues, binFrames } from './binFrames.js';
import { type WholeStreamBins, binWholeStream } from './binWholeStream.js';
import { frameGeometry } from './frameGeometry.js';

/** A whole recording as `n` frames, made by {@link binSample}. */
export interface SampleFrames {
  /** `[n, H, W, 2]` float32 row-major, channel 0 = OFF, 1 = ON; owned by the caller. */
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number];
  /** Events in no bin (tonic edges' tail). */
  readonly excluded: number;
  /** Events off the sensor. */
  readonly outside: number;
}

/**
 * One sample = the whole recording in `n` frames of event counts (as CIFAR10-DVS for the
 * paper): {@link binWholeStream} cuts the bins, {@link binFrames} fills one frame per bin.
 *
 * @throws ConfigError on bad `n` or sizes.
 * @example
 * const { data, shape } = binSample(events, { by: 'count', n: 10, edges: 'inclusive' }, { width: 128, height: 128 });
 */
export function binSample(b: EventBatch, bins: WholeStreamBins,
  o: { width?: number; height?: number; values?: FrameValues } = {}): SampleFrames {
  const { windows, excluded } = binWholeStream(b, bins);
  const g = frameGeometry(b, o, bins.n, 2, undefined, 0);
  const data = new Float32Array(g.size);
  const frame = g.width * g.height * 2;
  let outside = 0;
  windows.forEach((w, i) => {
    const opts = { width: g.width, height: g.height, values: o.values ?? 'count' };
    outside += binFrames(w.events, w, opts, data, i * frame).outside;
  });
  return { data, shape: [bins.n, g.height, g.width, 2], excluded, outside };
}
