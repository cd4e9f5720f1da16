import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchFromEvents } from '../../../src/events/EventBatch.js';
import { ConfigError } from '../../../src/errors.js';
import { type RefractoryOptions, refractory, refractoryFilter, refractoryState } from '../../../src/transforms/filters/refractory.js';
import { refRefractory } from './reference.js';
import { HAVE_SHARED, S, SAMPLES, ev, eventsOf, runOperator, sampleEvents, splitRun, splitStreamArb, streamArb } from './helpers.js';

const run = (events: ReturnType<typeof ev>[], o: RefractoryOptions) => refractory(batchFromEvents(events, o), refractoryState(o), o);
const opts = (refractoryUs: number, extra: Partial<RefractoryOptions> = {}): RefractoryOptions => ({ ...S, refractoryUs, ...extra });

describe('refractory', () => {
  it('drops a repeat within the period, strictly: t − last > R keeps', () => {
    const r = run([ev(100, 1, 1), ev(105, 1, 1), ev(110, 1, 1), ev(111, 2, 1)], opts(10));
    expect(eventsOf(r.events).map((e) => e.t)).toEqual([100, 111]);
    expect(r.removed).toBe(2);
  });

  it("restartOn 'event' (tonic today): a dropped event restarts the clock; 'kept': only kept ones do", () => {
    const burst = [ev(0, 0, 0), ev(8, 0, 0), ev(16, 0, 0), ev(24, 0, 0)];
    expect(eventsOf(run(burst, opts(10)).events).map((e) => e.t)).toEqual([0]);
    expect(eventsOf(run(burst, opts(10, { restartOn: 'kept' })).events).map((e) => e.t)).toEqual([0, 16]);
  });

  it('a first event is kept even at t = 0; polarities share a clock unless perPolarity', () => {
    const evs = [ev(0, 3, 2, 1), ev(5, 3, 2, 0)];
    expect(run(evs, opts(10)).events.t.length).toBe(1);
    expect(run(evs, opts(10, { perPolarity: true })).events.t.length).toBe(2);
  });

  it('events off the sensor are removed and counted apart; nothing removed returns the input', () => {
    const r = run([ev(0, 5, 0), ev(1, 0, 4), ev(2, 0, 0)], opts(10));
    expect([r.events.t.length, r.removed, r.outside]).toEqual([1, 0, 2]);
    const b = batchFromEvents([ev(0, 0, 0), ev(1, 1, 0)], S);
    expect(refractory(b, refractoryState(opts(10)), opts(10)).events).toBe(b);
  });

  it('equals the reference on random streams, for every option', () => {
    fc.assert(fc.property(streamArb(), fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.constantFrom('event' as const, 'kept' as const), (b, R, perPolarity, restartOn) => {
      const o = opts(R, { perPolarity, restartOn });
      const r = refractory(b, refractoryState(o), o);
      expect(eventsOf(r.events)).toEqual(refRefractory(eventsOf(b), S, R, perPolarity, restartOn));
      expect(r.events.t.length + r.removed + (r.outside ?? 0)).toBe(b.t.length);
    }));
  });

  it('any split of the stream into batches gives the same output', () => {
    fc.assert(fc.property(splitStreamArb(), fc.integer({ min: 0, max: 40 }), fc.boolean(), ({ b, cuts }, R, perPolarity) => {
      const o = opts(R, { perPolarity });
      const whole = refractory(b, refractoryState(o), o).events;
      const st = refractoryState(o);
      expect(eventsOf(splitRun(b, cuts, (piece) => refractory(piece, st, o).events))).toEqual(eventsOf(whole));
    }));
  });

  it('the operator carries state across batches and reports running counts', async () => {
    const b1 = batchFromEvents([ev(0, 0, 0), ev(5, 0, 0)], S);
    const b2 = batchFromEvents([ev(8, 0, 0), ev(30, 0, 0), ev(31, 9, 0)], S);
    const { out, metrics } = await runOperator((m) => refractoryFilter(opts(10), m), [b1, b2]);
    expect(out.map((b) => Array.from(b.t))).toEqual([[0], [30]]);
    expect(metrics.at(-1)).toEqual({ filter: 'refractory', batches: 2, eventsIn: 5, eventsOut: 2, removed: 2, outside: 1, added: 0, clipped: 0, held: 0 });
  });

  it('rejects bad options at call time', () => {
    expect(() => refractoryFilter(opts(-1))).toThrow(ConfigError);
    expect(() => refractoryFilter({ width: 0, height: 4, refractoryUs: 1 })).toThrow(ConfigError);
    expect(() => refractoryFilter({ width: 70000, height: 70000, refractoryUs: 1 })).toThrow(ConfigError);
    expect(() => refractoryFilter(opts(1, { restartOn: 'never' as 'kept' }))).toThrow(ConfigError);
  });
});

describe.skipIf(!HAVE_SHARED)('refractory on the shared samples', () => {
  it.each(SAMPLES)('%s: equals the reference, whole and in 4096-event batches', (name) => {
    const b = sampleEvents(name);
    const o = { width: b.width, height: b.height, refractoryUs: 1000 };
    const want = refRefractory(eventsOf(b), o, 1000);
    const whole = refractory(b, refractoryState(o), o);
    expect(eventsOf(whole.events)).toEqual(want);
    expect(whole.removed).toBeGreaterThan(0);
    const st = refractoryState(o);
    const cuts = Array.from({ length: Math.floor(b.t.length / 4096) }, (_, i) => (i + 1) * 4096);
    expect(eventsOf(splitRun(b, cuts, (piece) => refractory(piece, st, o).events))).toEqual(want);
  });
});
