import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { concatBatches } from '../../events/concatBatches.js';
import type { OnFilterMetrics } from '../filters/FilterMetrics.js';
import type { FilterResult } from '../filters/FilterResult.js';
import { sortByTime } from '../sortByTime.js';
import { type AugmentRng, augmentOperator } from './augmentOperator.js';

function checkCount(n: number): void {
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new ConfigError(`uniformNoise: n must be an integer >= 0, got ${n}`);
}

/** `n` noise events, sorted by t: t in [t0, t1) whole µs, x, y on the sensor, p in {0, 1}. */
function noiseEvents(n: number, b: EventBatch, t0: number, t1: number, rng: Rng): EventBatch {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = t0 + Math.floor(rng.next() * (t1 - t0));
  t.sort(); // x, y, p are drawn independently of t, so drawing them after sorting t changes nothing
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const p = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.floor(rng.next() * b.width);
    y[i] = Math.floor(rng.next() * b.height);
    p[i] = rng.next() < 0.5 ? 0 : 1;
  }
  return { x, y, t, p, width: b.width, height: b.height };
}

/** Stable merge of two time-sorted batches (ties: `a` first). */
function mergeSorted(a: EventBatch, b: EventBatch): EventBatch {
  const n = a.t.length + b.t.length;
  const out = { x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n) };
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromA = j >= b.t.length || (i < a.t.length && a.t[i]! <= b.t[j]!);
    const s = fromA ? a : b;
    const at = fromA ? i++ : j++;
    out.x[k] = s.x[at]!;
    out.y[k] = s.y[at]!;
    out.t[k] = s.t[at]!;
    out.p[k] = s.p[at]!;
  }
  return { ...out, width: a.width, height: a.height };
}

function isSorted(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

/**
 * Adds `n` noise events uniform over the sensor, both polarities and the batch's time span
 * `[min t, max t)` in whole µs (tonic's `UniformNoise`, whose float times its integer field
 * truncates the same way), and returns all events sorted by time (an event and a noise event at
 * the same t: the original first). An empty batch has no span and gets no noise (`added` 0).
 *
 * @throws ConfigError unless n is an integer >= 0.
 * @example
 * uniformNoise(batch, 1000, seededRng(9)).added // 1000
 */
export function uniformNoise(b: EventBatch, n: number, rng: Rng): FilterResult {
  checkCount(n);
  if (b.t.length === 0 || n === 0 || b.width === 0 || b.height === 0) return { events: b, removed: 0, added: 0 };
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const v of b.t) {
    if (v < t0) t0 = v;
    if (v > t1) t1 = v;
  }
  const noise = noiseEvents(n, b, t0, t1, rng);
  const events = isSorted(b.t) ? mergeSorted(b, noise) : sortByTime(concatBatches([b, noise]));
  return { events, removed: 0, added: n };
}

/**
 * {@link uniformNoise} as an operator: `n` noise events per batch, seeded Rng per subscription.
 * @throws ConfigError at call time unless n is an integer >= 0.
 * @example
 * batches$.pipe(uniformNoiseAugment(500, { seed: 3 }))
 */
export function uniformNoiseAugment(n: number, r: AugmentRng = {}, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkCount(n);
  return augmentOperator('uniformNoise', (b, rng) => uniformNoise(b, n, rng), r, onMetrics);
}
