import { ConfigError } from '../errors.js';
import { type OperatorFunction, map } from 'rxjs';
import type { FramePool } from './framePool.js';
import type { EventWindow } from './EventWindow.js';
import type { SpikeFrame } from './SpikeFrame.js';
import { type BinResult, type FrameValues, binFrames } from './binFrames.js';
import { binVoxelGrid } from './binVoxelGrid.js';

/** How {@link toFrames} encodes a window: event-count frames, or a bilinear voxel grid. */
export type SpikeEncoding =
  | { readonly kind: 'frames'; readonly timeBins?: number; readonly values?: FrameValues }
  | { readonly kind: 'voxel'; readonly bins: number; readonly polarity: 'signed' | 'split' };

/** Options of {@link toFrames}: a fixed sensor size (every frame has the same shape) and the encoding. */
export interface ToFramesOptions {
  /** Frame width in pixels; events at `x >= width` are counted in `outside`. */
  readonly width: number;
  /** Frame height in pixels. */
  readonly height: number;
  /** Default `{ kind: 'frames' }` (one frame of counts per window). */
  readonly encoding?: SpikeEncoding;
  /** Buffers to reuse (the consumer releases each frame's `data`); default: a new array per window. */
  readonly pool?: FramePool;
}

/**
 * Maps each window to a spike tensor (`[T, H, W, 2]` frames of {@link binFrames}, or the voxel
 * grid of {@link binVoxelGrid}), binned over the window's bounds. A fresh `Float32Array` per
 * window, owned by the consumer — or, with `pool`, a recycled one the consumer releases. A collapsed run of empty windows gives one all-zero frame with
 * the same `windows` count.
 *
 * ```
 * windows: --a--b--|
 * frames:  --A--B--|   A = binFrames(a.events, a, …)
 * ```
 *
 * @throws ConfigError at call time when the sizes are not integers >= 1.
 * @example
 * batches$.pipe(windowEvents({ by: 'time', windowUs: 10_000 }), toFrames({ width: 34, height: 34 }))
 */
export function toFrames(o: ToFramesOptions): OperatorFunction<EventWindow, SpikeFrame> {
  const enc = o.encoding ?? { kind: 'frames' };
  const bins = enc.kind === 'frames' ? enc.timeBins ?? 1 : enc.bins;
  const channels = enc.kind === 'voxel' && enc.polarity === 'signed' ? 1 : 2;
  for (const [name, v] of [['width', o.width], ['height', o.height], ['bins', bins]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new ConfigError(`toFrames: ${name} must be an integer >= 1, got ${v}`);
  }
  const shape = [bins, o.height, o.width, channels] as const;
  const size = { width: o.width, height: o.height };
  const length = shape.reduce((a, b) => a * b, 1);
  return map((w: EventWindow): SpikeFrame => {
    const out = o.pool?.take(length);
    const r: BinResult = enc.kind === 'frames'
      ? binFrames(w.events, w, { ...size, timeBins: bins, values: enc.values ?? 'count' }, out)
      : binVoxelGrid(w.events, w, { ...size, bins, polarity: enc.polarity }, out);
    return {
      index: w.index, startUs: w.startUs, endUs: w.endUs, shape, data: r.data, windows: w.windows,
      outside: r.outside, late: w.late, dropped: w.dropped,
    };
  });
}
