import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Event, type EventBatch, batchFromEvents } from '../../../src/events/EventBatch.js';
import { seededRng } from '../../../src/events/seededRng.js';
import { ConfigError } from '../../../src/errors.js';
import { fillGaussian } from '../../../src/transforms/augment/gaussian.js';
import { dropEvents, dropEventsAugment } from '../../../src/transforms/augment/dropEvents.js';
import { spatialJitter, spatialJitterAugment } from '../../../src/transforms/augment/spatialJitter.js';
import { timeJitter, timeJitterAugment } from '../../../src/transforms/augment/timeJitter.js';
import { uniformNoise, uniformNoiseAugment } from '../../../src/transforms/augment/uniformNoise.js';
import { eventsOf } from '../reference.js';
import { runOperator, splitRun, splitStreamArb } from '../filters/helpers.js';

const SENSOR = { width: 64, height: 48 };
/** n events on a 64×48 sensor, time-sorted, t from 1000 µs. */
function stream(n: number, seed = 1): EventBatch {
  const rng = seededRng(seed);
  let t = 1000;
  return batchFromEvents(Array.from({ length: n }, () => ({
    t: (t += Math.floor(rng.next() * 20)), x: Math.floor(rng.next() * 64), y: Math.floor(rng.next() * 48), p: rng.next() < 0.5 ? 0 : 1,
  })), SENSOR);
}
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: number[]) => {
  const m = mean(a); // once: recomputing it per element made this O(n²) (~50 s at 40,000 events)
  return Math.sqrt(mean(a.map((v) => (v - m) ** 2)));
};
const isSorted = (b: EventBatch) => b.t.every((v, i) => i === 0 || v >= b.t[i - 1]!);

describe('fillGaussian', () => {
  it('has mean 0 and the asked standard deviation', () => {
    const z = Array.from(fillGaussian(seededRng(3), new Float64Array(100_001), 2.5));
    expect(Math.abs(mean(z))).toBeLessThan(5 * 2.5 / Math.sqrt(z.length));
    expect(sd(z)).toBeGreaterThan(2.5 * 0.98);
    expect(sd(z)).toBeLessThan(2.5 * 1.02);
  });
});

describe('dropEvents', () => {
  it('drops a fraction within binomial bounds and counts it; same seed, same output', () => {
    const b = stream(100_000);
    for (const p of [0.05, 0.3, 0.9]) {
      const r = dropEvents(b, p, seededRng(11));
      const k = r.removed;
      expect(Math.abs(k - p * b.t.length)).toBeLessThan(5 * Math.sqrt(b.t.length * p * (1 - p)));
      expect(r.events.t.length + k).toBe(b.t.length);
      expect(eventsOf(dropEvents(b, p, seededRng(11)).events)).toEqual(eventsOf(r.events));
      expect(eventsOf(dropEvents(b, p, seededRng(12)).events)).not.toEqual(eventsOf(r.events));
    }
    expect(dropEvents(b, 0, seededRng(1)).events).toBe(b);
    expect(dropEvents(b, 1, seededRng(1)).events.t.length).toBe(0);
    expect(() => dropEvents(b, 1.5, seededRng(1))).toThrow(ConfigError);
  });

  it('any split with one rng gives the same output (one draw per event)', () => {
    fc.assert(fc.property(splitStreamArb(), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), ({ b, cuts }, p, seed) => {
      const whole = dropEvents(b, p, seededRng(seed)).events;
      const rng = seededRng(seed);
      expect(eventsOf(splitRun(b, cuts, (piece) => dropEvents(piece, p, rng).events))).toEqual(eventsOf(whole));
    }));
  });
});

describe('spatialJitter', () => {
  it('shifts by rounded N(0, σ²) per axis; drop mode removes and counts off-sensor events', () => {
    const b = stream(50_000);
    const r = spatialJitter(b, { sigmaX: 3, sigmaY: 0, outside: 'drop' }, seededRng(5));
    expect(r.removed).toBeGreaterThan(0);
    expect(r.events.t.length + r.removed).toBe(b.t.length);
    expect(r.events.x.every((x) => x < 64)).toBe(true);
    // σy = 0: y unchanged, and the kept events keep their order and times
    const kept = spatialJitter(b, { sigmaX: 0.0001, sigmaY: 0, outside: 'drop' }, seededRng(5));
    expect(eventsOf(kept.events)).toEqual(eventsOf(b));
  });

  it('the shifts have mean 0 and standard deviation σ (clip mode keeps every event on the sensor)', () => {
    const centre = batchFromEvents(Array.from({ length: 40_000 }, (_, i): Event => ({ t: i, x: 32, y: 24, p: 1 })), SENSOR);
    const r = spatialJitter(centre, { sigmaX: 4, sigmaY: 2, outside: 'clip' }, seededRng(8));
    const dx = Array.from(r.events.x, (x) => x - 32);
    const dy = Array.from(r.events.y, (y) => y - 24);
    expect(Math.abs(mean(dx))).toBeLessThan(0.1);
    expect(sd(dx)).toBeGreaterThan(4 * 0.97);
    expect(sd(dx)).toBeLessThan(Math.sqrt(16 + 1 / 12) * 1.03); // rounding adds 1/12 to the variance
    expect(sd(dy)).toBeGreaterThan(2 * 0.97);
    const edge = batchFromEvents(Array.from({ length: 1000 }, (_, i): Event => ({ t: i, x: 0, y: 0, p: 1 })), SENSOR);
    const clipped = spatialJitter(edge, { sigmaX: 2, sigmaY: 2, outside: 'clip' }, seededRng(2));
    expect([clipped.events.t.length, clipped.removed]).toEqual([1000, 0]);
    expect(clipped.clipped).toBeGreaterThan(500); // about 3/4 leave the sensor at the corner
    expect(clipped.events.x.every((x) => x < 64) && clipped.events.y.every((y) => y < 48)).toBe(true);
    expect(() => spatialJitter(edge, { sigmaX: -1, sigmaY: 0, outside: 'clip' }, seededRng(1))).toThrow(ConfigError);
  });
});

describe('timeJitter', () => {
  it('moves times by rounded N(0, σ²), re-sorts stably, keeps every event', () => {
    const same = batchFromEvents(Array.from({ length: 20_000 }, (_, i): Event => ({ t: 1e6, x: i % 64, y: Math.floor(i / 64) % 48, p: 1 })), SENSOR);
    const r = timeJitter(same, 100, seededRng(4));
    expect(isSorted(r.events)).toBe(true);
    expect([r.events.t.length, r.removed]).toEqual([20_000, 0]);
    const dt = Array.from(r.events.t, (t) => t - 1e6);
    expect(dt.every(Number.isInteger)).toBe(true);
    expect(Math.abs(mean(dt))).toBeLessThan(5 * 100 / Math.sqrt(dt.length));
    expect(sd(dt)).toBeGreaterThan(97);
    expect(sd(dt)).toBeLessThan(103);
    const key = (e: Event) => `${e.x},${e.y},${e.p}`;
    expect(eventsOf(r.events).map(key).sort()).toEqual(eventsOf(same).map(key).sort());
    expect(eventsOf(timeJitter(same, 0, seededRng(1)).events)).toEqual(eventsOf(same));
    expect(eventsOf(timeJitter(same, 100, seededRng(4)).events)).toEqual(eventsOf(r.events));
  });
});

describe('uniformNoise', () => {
  it('adds n uniform events within the time span, merged in time order after the originals', () => {
    const b = stream(2000);
    const r = uniformNoise(b, 30_000, seededRng(6));
    expect([r.events.t.length, r.added, r.removed]).toEqual([32_000, 30_000, 0]);
    expect(isSorted(r.events)).toBe(true);
    // the originals are a subsequence, in order
    const orig = eventsOf(b);
    let j = 0;
    for (const e of eventsOf(r.events)) if (j < orig.length && JSON.stringify(e) === JSON.stringify(orig[j])) j++;
    expect(j).toBe(orig.length);
    const t0 = b.t[0]!;
    const t1 = b.t[b.t.length - 1]!;
    expect(r.events.t.every((t) => t >= t0 && t <= t1)).toBe(true);
    const all = eventsOf(r.events);
    expect(Math.abs(mean(all.map((e) => e.p)) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(mean(all.map((e) => e.x)) - 31.5)).toBeLessThan(0.5);
    expect(Math.abs(mean(all.map((e) => e.y)) - 23.5)).toBeLessThan(0.5);
    expect(eventsOf(uniformNoise(b, 100, seededRng(6)).events)).toEqual(eventsOf(uniformNoise(b, 100, seededRng(6)).events));
  });

  it('an empty batch gets no noise; unsorted input is sorted; bad n is refused', () => {
    const empty = batchFromEvents([], SENSOR);
    expect(uniformNoise(empty, 10, seededRng(1))).toEqual({ events: empty, removed: 0, added: 0 });
    const unsorted = batchFromEvents([{ t: 50, x: 1, y: 1, p: 1 }, { t: 10, x: 2, y: 2, p: 0 }], SENSOR);
    const r = uniformNoise(unsorted, 5, seededRng(2));
    expect(isSorted(r.events)).toBe(true);
    expect(r.events.t.length).toBe(7);
    expect(() => uniformNoise(empty, -1, seededRng(1))).toThrow(ConfigError);
  });
});

describe('augmentation operators', () => {
  it('same seed, same output on every subscription; counts reach onMetrics', async () => {
    const batches = [stream(500, 1), stream(500, 2)];
    const a = await runOperator((m) => dropEventsAugment(0.25, { seed: 9 }, m), batches);
    const b = await runOperator(() => dropEventsAugment(0.25, { seed: 9 }), batches);
    expect(a.out.map(eventsOf)).toEqual(b.out.map(eventsOf));
    expect(a.metrics.at(-1)).toMatchObject({ filter: 'dropEvents', eventsIn: 1000, eventsOut: 1000 - a.metrics.at(-1)!.removed, held: 0 });
    const noise = await runOperator((m) => uniformNoiseAugment(7, { rng: () => seededRng(1) }, m), batches);
    expect(noise.metrics.at(-1)).toMatchObject({ added: 14, eventsOut: 1014 });
    const jit = await runOperator((m) => spatialJitterAugment({ sigmaX: 50, sigmaY: 50, outside: 'clip' }, {}, m), batches);
    expect(jit.metrics.at(-1)!.clipped).toBeGreaterThan(0);
    const tj = await runOperator(() => timeJitterAugment(10, { seed: 2 }), batches);
    expect(tj.out.every(isSorted)).toBe(true);
    expect(() => timeJitterAugment(-1)).toThrow(ConfigError);
  });
});
