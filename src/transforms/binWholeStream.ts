import { type EventBatch, sliceIndex } from '../events/EventBatch.js';
import { lowerBoundTime } from '../events/sliceByTime.js';
import { ConfigError } from '../errors.js';
import type { EventWindow } from './EventWindow.js';
import type { BinEdges } from './Slicing.js';
import { sortByTime } from './sortByTime.js';

/** Options of {@link binWholeStream}. */
export interface WholeStreamBins {
  /** `time`: bins of equal duration; `count`: bins of equal event count. */
  readonly by: 'time' | 'count';
  /** Number of bins (integer >= 1). */
  readonly n: number;
  /** Edge convention (see {@link BinEdges}). */
  readonly edges: BinEdges;
}

/** The `n` windows of a whole recording, and the events left out of all of them. */
export interface WholeStreamResult {
  readonly windows: EventWindow[];
  /** Events in no bin: with `edges: 'tonic'`, the tail after the last whole bin. */
  readonly excluded: number;
}

const windowOf = (index: number, startUs: number, endUs: number, events: EventBatch): EventWindow =>
  ({ index, startUs, endUs, events, windows: 1, complete: true, late: 0, dropped: 0 });

/**
 * One sample = the whole recording in `n` bins (as CIFAR10-DVS frames), exact edges:
 *
 * - `by: 'time'`: `binUs = floor((t_last − t_first) / n)`; bin `i` is
 *   `[t_first + i·binUs, t_first + (i+1)·binUs)`. With `edges: 'tonic'` events at or after
 *   `t_first + n·binUs` are excluded (always at least the last event); with `'inclusive'` the
 *   last bin is `[t_first + (n−1)·binUs, t_last]` (closed, `endUs = t_last`).
 * - `by: 'count'`: `k = floor(N / n)`; bin `i` is events `[i·k, (i+1)·k)`; with `'tonic'` the
 *   last `N − n·k` events are excluded, with `'inclusive'` the last bin runs to `N`. Bounds are
 *   the bin's first and last `t` (closed); an empty bin has `startUs = endUs` = the `t` where it sits.
 *
 * Unsorted input is sorted (stably) first. The windows are views on that batch (no copy).
 * An empty recording gives `n` empty bins at `[0, 0]`.
 *
 * @throws ConfigError unless `n` is an integer >= 1.
 * @example
 * const { windows } = binWholeStream(events, { by: 'count', n: 10, edges: 'inclusive' });
 */
export function binWholeStream(batch: EventBatch, o: WholeStreamBins): WholeStreamResult {
  if (!(Number.isInteger(o.n) && o.n >= 1)) throw new ConfigError(`n must be an integer >= 1, got ${o.n}`);
  const b = sortByTime(batch);
  const len = b.t.length;
  if (len === 0) {
    return { windows: Array.from({ length: o.n }, (_, i) => windowOf(i, 0, 0, b)), excluded: 0 };
  }
  return o.by === 'time' ? timeBins(b, o.n, o.edges) : countBins(b, o.n, o.edges);
}

function timeBins(b: EventBatch, n: number, edges: BinEdges): WholeStreamResult {
  const t = b.t;
  const len = t.length;
  const t0 = t[0]!;
  const tLast = t[len - 1]!;
  const binUs = Math.floor((tLast - t0) / n);
  const windows: EventWindow[] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const startUs = t0 + i * binUs;
    const inclusiveLast = edges === 'inclusive' && i === n - 1;
    const endUs = inclusiveLast ? tLast : startUs + binUs;
    const to = inclusiveLast ? len : Math.max(from, lowerBoundTime(t, endUs));
    windows.push(windowOf(i, startUs, endUs, sliceIndex(b, from, to)));
    from = to;
  }
  return { windows, excluded: len - from };
}

function countBins(b: EventBatch, n: number, edges: BinEdges): WholeStreamResult {
  const t = b.t;
  const len = t.length;
  const k = Math.floor(len / n);
  const windows: EventWindow[] = [];
  for (let i = 0; i < n; i++) {
    const from = i * k;
    const to = edges === 'inclusive' && i === n - 1 ? len : from + k;
    const startUs = t[Math.min(from, len - 1)]!;
    const endUs = to > from ? t[to - 1]! : startUs;
    windows.push(windowOf(i, startUs, endUs, sliceIndex(b, from, to)));
  }
  return { windows, excluded: edges === 'inclusive' ? 0 : len - n * k };
}
