import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchFromEvents } from '../../../src/events/EventBatch.js';
import { ConfigError } from '../../../src/errors.js';
import { type DenoiseOptions, denoise, denoiseFilter, denoiseState } from '../../../src/transforms/filters/denoise.js';
import { refDenoise } from './reference.js';
import { HAVE_SHARED, S, SAMPLES, ev, eventsOf, runOperator, sampleEvents, splitRun, splitStreamArb, streamArb } from './helpers.js';

const opts = (filterTimeUs: number, neighbours?: 4 | 8): DenoiseOptions => ({ ...S, filterTimeUs, ...(neighbours ? { neighbours } : {}) });
const keptTimes = (events: ReturnType<typeof ev>[], o: DenoiseOptions) =>
  Array.from(denoise(batchFromEvents(events, o), denoiseState(o), o).events.t);

describe('denoise', () => {
  it('keeps an event whose 4-neighbour fired less than filterTimeUs before; the pixel itself does not count', () => {
    expect(keptTimes([ev(100, 2, 2), ev(105, 3, 2)], opts(10))).toEqual([105]);
    expect(keptTimes([ev(100, 2, 2), ev(110, 3, 2)], opts(10))).toEqual([]); // exactly filterTimeUs: not within
    expect(keptTimes([ev(100, 2, 2), ev(101, 2, 2)], opts(10))).toEqual([]);
  });

  it('diagonals count only with neighbours: 8', () => {
    expect(keptTimes([ev(100, 2, 2), ev(101, 3, 3)], opts(10))).toEqual([]);
    expect(keptTimes([ev(100, 2, 2), ev(101, 3, 3)], opts(10, 8))).toEqual([101]);
  });

  it('dropped events still refresh their pixel (tonic): a chain of isolated-looking events supports itself', () => {
    // (2,2) at 100 is dropped but still supports (3,2) at 105, which supports (2,2) at 108.
    expect(keptTimes([ev(100, 2, 2), ev(105, 3, 2), ev(108, 2, 2)], opts(10))).toEqual([105, 108]);
  });

  it('no neighbour wraps across a row edge, and a pixel that never fired supports nothing (t = 0 included)', () => {
    expect(keptTimes([ev(0, 4, 1), ev(1, 0, 2)], opts(10))).toEqual([]);
    expect(keptTimes([ev(0, 0, 0)], opts(10))).toEqual([]);
  });

  it('equals the reference on random streams', () => {
    fc.assert(fc.property(streamArb(), fc.integer({ min: 0, max: 60 }), fc.constantFrom(4 as const, 8 as const), (b, T, nb) => {
      const o = opts(T, nb);
      const r = denoise(b, denoiseState(o), o);
      expect(eventsOf(r.events)).toEqual(refDenoise(eventsOf(b), S, T, nb));
      expect(r.events.t.length + r.removed + (r.outside ?? 0)).toBe(b.t.length);
    }));
  });

  it('any split of the stream into batches gives the same output', () => {
    fc.assert(fc.property(splitStreamArb(), fc.integer({ min: 0, max: 60 }), ({ b, cuts }, T) => {
      const o = opts(T);
      const whole = denoise(b, denoiseState(o), o).events;
      const st = denoiseState(o);
      expect(eventsOf(splitRun(b, cuts, (piece) => denoise(piece, st, o).events))).toEqual(eventsOf(whole));
    }));
  });

  it('the operator counts removed and off-sensor events', async () => {
    const b1 = batchFromEvents([ev(0, 1, 1), ev(1, 9, 9)], S);
    const b2 = batchFromEvents([ev(3, 1, 2)], S);
    const { out, metrics } = await runOperator((m) => denoiseFilter(opts(10), m), [b1, b2]);
    expect(out.map((b) => Array.from(b.t))).toEqual([[], [3]]);
    expect(metrics.map((m) => [m.eventsIn, m.eventsOut, m.removed, m.outside])).toEqual([[2, 0, 1, 1], [3, 1, 1, 1]]);
  });

  it('rejects bad options at call time', () => {
    expect(() => denoiseFilter(opts(NaN))).toThrow(ConfigError);
    expect(() => denoiseFilter({ ...opts(10), neighbours: 6 as 4 })).toThrow(ConfigError);
  });
});

describe.skipIf(!HAVE_SHARED)('denoise on the shared samples', () => {
  it.each(SAMPLES)('%s: equals the reference, whole and in 4096-event batches', (name) => {
    const b = sampleEvents(name);
    const o = { width: b.width, height: b.height, filterTimeUs: 5000, neighbours: 8 as const };
    const want = refDenoise(eventsOf(b), o, 5000, 8);
    const whole = denoise(b, denoiseState(o), o);
    expect(eventsOf(whole.events)).toEqual(want);
    expect(whole.removed).toBeGreaterThan(0);
    const st = denoiseState(o);
    const cuts = Array.from({ length: Math.floor(b.t.length / 4096) }, (_, i) => (i + 1) * 4096);
    expect(eventsOf(splitRun(b, cuts, (piece) => denoise(piece, st, o).events))).toEqual(want);
    const four = { ...o, neighbours: 4 as const };
    expect(eventsOf(denoise(b, denoiseState(four), four).events)).toEqual(refDenoise(eventsOf(b), o, 5000, 4));
  });
});
