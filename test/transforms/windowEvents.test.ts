import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TestScheduler } from 'rxjs/testing';
import { type Event, batchFromEvents, emptyBatch } from '../../src/events/EventBatch.js';
import { ConfigError } from '../../src/errors.js';
import { TimeWindower } from '../../src/transforms/TimeWindower.js';
import { CountWindower } from '../../src/transforms/CountWindower.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import type { EventWindow } from '../../src/transforms/EventWindow.js';
import { HAVE_SHARED, SHARED_SAMPLES } from '../helpers/samples.js';
import { eventsOf, refCountWindows, refTimeWindows } from './reference.js';
import { decodeFile, decodeFixture, plain, runWindower, splitAt } from './helpers.js';

const S = { width: 8, height: 4 };
const ev = (t: number, x = 0, y = 0, p = 1): Event => ({ t, x, y, p });
const batch = (...ts: number[]) => batchFromEvents(ts.map((t) => ev(t, t % 8, t % 4, t % 2)), S);
const time = (windowUs: number, extra: object = {}) => new TimeWindower({ by: 'time', windowUs, maxEmptyWindows: 1e6, ...extra });
const summary = (w: EventWindow) => [w.index, w.startUs, w.endUs, Array.from(w.events.t), w.windows, w.complete, w.late];

describe('TimeWindower', () => {
  it('edges are fixed to originUs, not to the first event; empty windows between are emitted', () => {
    const out = runWindower(time(10), [batch(13, 17), batch(45)]);
    expect(out.map(summary)).toEqual([
      [1, 10, 20, [13, 17], 1, true, 0],
      [2, 20, 30, [], 1, true, 0],
      [3, 30, 40, [], 1, true, 0],
      [4, 40, 50, [45], 1, false, 0],
    ]);
    expect(runWindower(time(10, { originUs: 5 }), [batch(13, 17)]).map(summary)).toEqual([[0, 5, 15, [13], 1, true, 0], [1, 15, 25, [17], 1, false, 0]]);
  });

  it('an event exactly on an edge opens the next window and completes the previous one', () => {
    expect(runWindower(time(10), [batch(0, 10, 20)]).map(summary)).toEqual([
      [0, 0, 10, [0], 1, true, 0], [1, 10, 20, [10], 1, true, 0], [2, 20, 30, [20], 1, false, 0],
    ]);
  });

  it('empty stream: no windows; one event: one partial window', () => {
    expect(runWindower(time(10), [])).toEqual([]);
    expect(runWindower(time(10), [emptyBatch(S), emptyBatch(S)])).toEqual([]);
    expect(runWindower(time(10), [batch(7)]).map(summary)).toEqual([[0, 0, 10, [7], 1, false, 0]]);
  });

  it('a gap longer than maxEmptyWindows is one collapsed record', () => {
    const w = new TimeWindower({ by: 'time', windowUs: 10, maxEmptyWindows: 3 });
    const out = runWindower(w, [batch(1, 2), batch(1e12)]);
    expect(out.map(summary)).toEqual([
      [0, 0, 10, [1, 2], 1, true, 0],
      [1, 10, 1e12, [], 1e11 - 1, true, 0],
      [1e11, 1e12, 1e12 + 10, [1e12], 1, false, 0],
    ]);
    const short = runWindower(new TimeWindower({ by: 'time', windowUs: 10, maxEmptyWindows: 3 }), [batch(1, 35)]);
    expect(short.map((x) => x.windows)).toEqual([1, 1, 1, 1]);
  });

  it('out-of-order events still in an open window are binned there, sorted', () => {
    const out = runWindower(time(10), [batch(3, 8, 5), batch(2, 12)]);
    expect(out.map(summary)).toEqual([[0, 0, 10, [2, 3, 5, 8], 1, true, 0], [1, 10, 20, [12], 1, false, 0]]);
  });

  it('late events are counted on the next record, never binned into a wrong window', () => {
    // 4 arrives after window 0 closed; 11 after window 1 closed: both late, in no window
    const out = runWindower(time(10), [batch(3, 15, 4, 25, 9, 11)]);
    expect(out.map(summary)).toEqual([
      [0, 0, 10, [3], 1, true, 0], [1, 10, 20, [15], 1, true, 1], [2, 20, 30, [25], 1, false, 2],
    ]);
    // sliding: an event that missed an emitted window but is in an open one is kept and counted
    const sl = runWindower(time(10, { hopUs: 5 }), [batch(1, 12, 7)]);
    expect(sl.map(summary)).toEqual([
      [-1, -5, 5, [1], 1, true, 0], [0, 0, 10, [1], 1, true, 0], [1, 5, 15, [7, 12], 1, false, 1],
    ]);
  });

  it('sliding windows with overlap match the reference', () => {
    const events = [1, 4, 6, 9, 14, 22, 23, 40].map((t) => ev(t));
    const out = runWindower(time(10, { hopUs: 4 }), [batchFromEvents(events, S)]);
    expect(out.map(plain)).toEqual(refTimeWindows(events, 10, 4));
  });

  it('sheds beyond maxPendingEvents and counts it', () => {
    const out = runWindower(new TimeWindower({ by: 'time', windowUs: 100, maxPendingEvents: 2 }), [batch(1, 2, 3, 4), batch(150)]);
    expect(out.map((w) => [Array.from(w.events.t), w.dropped])).toEqual([[[1, 2], 2], [[150], 0]]);
  });

  it('rejects bad options', () => {
    expect(() => time(0)).toThrow(ConfigError);
    expect(() => time(10, { hopUs: 11 })).toThrow(ConfigError);
    expect(() => time(10, { maxEmptyWindows: 0 })).toThrow(ConfigError);
    expect(() => new CountWindower({ by: 'count', events: 0 })).toThrow(ConfigError);
    expect(() => windowEvents({ by: 'count', events: 4, hop: 5 })).toThrow(ConfigError);
  });
});

describe('CountWindower', () => {
  it('matches the reference (tonic include_incomplete) for tumbling and sliding', () => {
    const events = Array.from({ length: 11 }, (_, i) => ev(i * 3));
    for (const [size, hop] of [[4, 4], [4, 2], [5, 1], [11, 11], [12, 3]] as const) {
      const out = runWindower(new CountWindower({ by: 'count', events: size, hop }), [batchFromEvents(events, S)]);
      expect(out.map(plain), `${size}/${hop}`).toEqual(refCountWindows(events, size, hop));
    }
  });
});

describe('windowEvents (marbles, virtual time)', () => {
  const scheduler = () => new TestScheduler((a, e) => expect(a).toEqual(e));

  it('emits time windows on the batch that completes them and the partial one on completion', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('--a-----b---------|', { a: batch(0, 3), b: batch(25) });
      const out = src.pipe(windowEvents({ by: 'time', windowUs: 10 }));
      const win = (index: number, ts: number[], complete: boolean): EventWindow => ({
        index, startUs: index * 10, endUs: index * 10 + 10, events: ts.length ? batch(...ts) : emptyBatch(S),
        windows: 1, complete, late: 0, dropped: 0,
      });
      expectObservable(out).toBe('--------(xy)------(z|)', { x: win(0, [0, 3], true), y: win(1, [], true), z: win(2, [25], false) });
    });
  });

  it('count windows, errors passed through, state per subscription', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('-a-b-#', { a: batch(1, 2, 3), b: batch(4) });
      const out = src.pipe(windowEvents({ by: 'count', events: 2 }));
      const w = (i: number, ts: number[]): EventWindow => ({
        index: i, startUs: ts[0]!, endUs: ts[1]!, events: batch(...ts), windows: 1, complete: true, late: 0, dropped: 0,
      });
      expectObservable(out).toBe('-x-y-#', { x: w(0, [1, 2]), y: w(1, [3, 4]) });
      expectObservable(out).toBe('-x-y-#', { x: w(0, [1, 2]), y: w(1, [3, 4]) }); // second subscriber starts afresh
    });
  });

  it('whole-stream bins are emitted on completion; over-full buffer errors downstream', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('-a-b|', { a: batch(0, 1, 2), b: batch(3, 4) })
        .pipe(windowEvents({ by: 'eventBins', n: 2, edges: 'tonic' }));
      expectObservable(out.pipe()).toBe('----(xy|)', {
        x: { index: 0, startUs: 0, endUs: 1, events: batch(0, 1), windows: 1, complete: true, late: 0, dropped: 0 },
        y: { index: 1, startUs: 2, endUs: 3, events: batch(2, 3), windows: 1, complete: true, late: 0, dropped: 1 },
      });
      const full = cold('-a-b|', { a: batch(0, 1, 2), b: batch(3, 4) })
        .pipe(windowEvents({ by: 'timeBins', n: 2, edges: 'tonic', maxEvents: 4 }));
      expectObservable(full).toBe('---#', undefined, new ConfigError('timeBins: the stream has more than maxEvents = 4 events; raise maxEvents or window by time/count'));
    });
  });
});

// ---- properties: any split of the stream gives identical windows, equal to the reference ------

const streamArb = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 500 })),
  fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 })), { maxLength: 80 })
  .map((rows) => {
    let t = 1000;
    return rows.map(([dt, x, y, p]) => ev((t += dt) - dt, x, y, p));
  });

describe('windowing properties', () => {
  it('time windows (tumbling and sliding): split-invariant and equal to the reference', () => {
    fc.assert(fc.property(streamArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -50, max: 50 }),
      fc.array(fc.nat(80), { maxLength: 6 }), (events, windowUs, div, originUs, rawCuts) => {
        const hopUs = Math.max(1, Math.floor(windowUs / div));
        const b = batchFromEvents(events, S);
        const whole = runWindower(time(windowUs, { hopUs, originUs }), [b]).map(plain);
        expect(whole).toEqual(refTimeWindows(events, windowUs, hopUs, originUs));
        const cuts = [...new Set(rawCuts.map((c) => c % (events.length + 1)))].sort((a, c) => a - c);
        expect(runWindower(time(windowUs, { hopUs, originUs }), splitAt(b, cuts)).map(plain)).toEqual(whole);
      }), { numRuns: 300 });
  });

  it('out of order: every event is in exactly one tumbling window or counted late; windows hold only their own events', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 60 }), fc.integer({ min: 1, max: 40 }),
      fc.array(fc.nat(60), { maxLength: 5 }), (ts, windowUs, rawCuts) => {
        const b = batchFromEvents(ts.map((t) => ev(t)), S);
        const cuts = [...new Set(rawCuts.map((c) => c % (ts.length + 1)))].sort((a, c) => a - c);
        const out = runWindower(time(windowUs), splitAt(b, cuts));
        const binned = out.reduce((s, w) => s + w.events.t.length, 0);
        expect(binned + out.reduce((s, w) => s + w.late, 0)).toBe(ts.length);
        for (const w of out) for (const t of w.events.t) expect(t >= w.startUs && t < w.endUs).toBe(true);
        expect(out.map((w) => w.index)).toEqual(out.map((_, i) => (out[0]?.index ?? 0) + i));
      }), { numRuns: 300 });
  });

  it('count windows: split-invariant and equal to the reference', () => {
    fc.assert(fc.property(streamArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(80), { maxLength: 6 }),
      (events, size, hopRaw, rawCuts) => {
        const hop = Math.min(size, hopRaw);
        const b = batchFromEvents(events, S);
        const cuts = [...new Set(rawCuts.map((c) => c % (events.length + 1)))].sort((a, c) => a - c);
        const split = runWindower(new CountWindower({ by: 'count', events: size, hop }), splitAt(b, cuts)).map(plain);
        expect(split).toEqual(refCountWindows(events, size, hop));
      }), { numRuns: 300 });
  });
});

// ---- real recordings -------------------------------------------------------------------------

function checkRecording(name: string, load: () => ReturnType<typeof decodeFixture>, windowUs: number): void {
  it(`${name}: time windows equal the reference and cover every event once`, () => {
    const b = load();
    const events = eventsOf(b);
    const cuts = [1, 1000, 1001, 77_777].filter((c) => c < b.t.length);
    const out = runWindower(time(windowUs), splitAt(b, cuts));
    expect(out.map(plain)).toEqual(refTimeWindows(events, windowUs));
    expect(out.reduce((s, w) => s + w.events.t.length, 0)).toBe(b.t.length);
  });
}

describe('on real recordings (fixtures)', () => {
  checkRecording('nmnist_sample.bin', () => decodeFixture('nmnist_sample.bin'), 10_000);
  checkRecording('dat_ncars_obj_004397_td.dat', () => decodeFixture('dat_ncars_obj_004397_td.dat'), 5_000);
});

describe.skipIf(!HAVE_SHARED)('on real recordings (shared samples)', () => {
  checkRecording('es_dvs_320x240.es', () => decodeFile(SHARED_SAMPLES, 'es_dvs_320x240.es'), 50_000);
});
