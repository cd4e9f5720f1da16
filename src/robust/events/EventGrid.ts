import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import type { BinEdges } from '../../transforms/Slicing.js';
import { binWholeStream } from '../../transforms/binWholeStream.js';
import { frameValueCap, type FrameValues } from '../../transforms/binFrames.js';
import { sortByTime } from '../../transforms/sortByTime.js';

/**
 * How a recording becomes one spike tensor `[T, H, W, 2]`: `binSample(events, { by: 'time', n,
 * edges }, { width, height, values })`. Only time bins: they stay put when events inside the
 * recording are added or removed (count bins would move with every change).
 */
export interface EventBinning {
  /** Time bins T (integer >= 1). */
  readonly n: number;
  readonly edges: BinEdges;
  readonly width: number;
  readonly height: number;
  /** Default `'count'`. */
  readonly values?: FrameValues;
}

/**
 * A recording laid on its tensor's cells (`cell = ((k·H + y)·W + x)·2 + c`): what an event-level
 * attack may change. Built by {@link eventGrid}; read-only afterwards.
 */
export interface EventGrid {
  /** The events, sorted by time. */
  readonly events: EventBatch;
  readonly T: number;
  readonly H: number;
  readonly W: number;
  /** Cells: T·H·W·2. */
  readonly cells: number;
  /** Cell of each event, -1 when in no bin or off the sensor (never changed by attacks). */
  readonly cellOf: Int32Array;
  /** Events per cell. */
  readonly counts: Int32Array;
  /** Events per cell that may be deleted (all but the first and last event, which fix the bins). */
  readonly deletable: Int32Array;
  /** Bin `k` accepts new events at integer offsets `[0, spanUs[k])` from `startUs[k]`. */
  readonly startUs: Float64Array;
  readonly spanUs: Float64Array;
  /** Cell value cap: Infinity (`count`), 1 (`binary`) or `clipMax`. */
  readonly clip: number;
}

/**
 * Lays `events` on the cells of their binning. The first and last event (by time) are protected
 * from deletion: they fix `binUs = floor((t_last − t_first)/n)` and so every bin edge.
 * @throws ConfigError for fewer than 2 events, a recording shorter than `n` µs, bad sizes or `clipMax`.
 * @example const grid = eventGrid(events, { n: 8, edges: 'inclusive', width: 34, height: 34 });
 */
export function eventGrid(events: EventBatch, o: EventBinning): EventGrid {
  for (const [name, v] of [['n', o.n], ['width', o.width], ['height', o.height]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new ConfigError(`event binning: ${name} must be an integer >= 1, got ${v}`);
  }
  const b = sortByTime(events);
  const len = b.t.length;
  if (len < 2) throw new ConfigError(`event attack: needs at least 2 events, got ${len}`);
  const binUs = Math.floor((b.t[len - 1]! - b.t[0]!) / o.n);
  if (binUs < 1) throw new ConfigError(`event attack: the recording spans less than 1 µs per bin (${o.n} bins)`);
  const { windows } = binWholeStream(b, { by: 'time', n: o.n, edges: o.edges });
  const [T, H, W] = [o.n, o.height, o.width];
  const cells = T * H * W * 2;
  const cellOf = new Int32Array(len).fill(-1);
  const counts = new Int32Array(cells);
  const deletable = new Int32Array(cells);
  const startUs = new Float64Array(T);
  const spanUs = new Float64Array(T);
  let i = 0;
  windows.forEach((w, k) => {
    startUs[k] = w.startUs;
    const inclusiveLast = o.edges === 'inclusive' && k === T - 1;
    spanUs[k] = inclusiveLast ? Math.floor(w.endUs - w.startUs) + 1 : binUs;
    for (let j = 0; j < w.events.t.length; j++, i++) {
      const x = b.x[i]!;
      const y = b.y[i]!;
      if (x >= W || y >= H) continue;
      const c = ((k * H + y) * W + x) * 2 + (b.p[i]! > 0 ? 1 : 0);
      cellOf[i] = c;
      counts[c]!++;
      if (i !== 0 && i !== len - 1) deletable[c]!++;
    }
  });
  return { events: b, T, H, W, cells, cellOf, counts, deletable, startUs, spanUs, clip: frameValueCap(o.values) };
}
