import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { type Event, type EventBatch, batchFromEvents } from '../../src/events/EventBatch.js';
import { ConfigError } from '../../src/errors.js';
import { binFrames } from '../../src/transforms/binFrames.js';
import { binVoxelGrid } from '../../src/transforms/binVoxelGrid.js';
import { binSample } from '../../src/transforms/binSample.js';
import { binWholeStream } from '../../src/transforms/binWholeStream.js';
import { toFrames } from '../../src/transforms/toFrames.js';
import { batchFrames } from '../../src/transforms/batchFrames.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import type { SpikeFrame } from '../../src/transforms/SpikeFrame.js';
import { HAVE_SHARED, SHARED_SAMPLES } from '../helpers/samples.js';
import { eventsOf, refFrames, refVoxel } from './reference.js';
import { decodeFile, decodeFixture, splitAt } from './helpers.js';

const S = { width: 4, height: 3 };
const ev = (t: number, x: number, y: number, p: number): Event => ({ t, x, y, p });

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('binFrames', () => {
  it('NHWC layout, channel 0 = OFF, 1 = ON; t = endUs goes to the last bin', () => {
    const b = batchFromEvents([ev(0, 1, 2, 1), ev(5, 3, 0, 0), ev(10, 3, 0, 0)], S);
    const { data, outside, outOfWindow } = binFrames(b, { startUs: 0, endUs: 10 }, { timeBins: 2 });
    expect(data.length).toBe(2 * 3 * 4 * 2);
    expect([...data.keys()].filter((i) => data[i] !== 0).map((i) => [i, data[i]])).toEqual([
      [(2 * 4 + 1) * 2 + 1, 1], // bin 0, y 2, x 1, ON
      [24 + (0 * 4 + 3) * 2 + 0, 2], // bin 1 (t = 5 and t = 10), y 0, x 3, OFF
    ]);
    expect([outside, outOfWindow]).toEqual([0, 0]);
  });

  it('counts events off the sensor or outside the bounds, never writes them', () => {
    const b = batchFromEvents([ev(1, 4, 0, 1), ev(1, 0, 3, 1), ev(-1, 0, 0, 1), ev(11, 0, 0, 0), ev(2, 0, 0, 1)], S);
    const r = binFrames(b, { startUs: 0, endUs: 10 });
    expect([r.outside, r.outOfWindow, r.data.reduce((s, v) => s + v, 0)]).toEqual([2, 2, 1]);
    const small = binFrames(b, { startUs: -5, endUs: 20 }, { width: 1, height: 1 });
    expect([small.outside, small.data.length]).toEqual([2, 2]);
  });

  it('binary and clipMax; adds into a caller array at an offset; zero-length bounds put all in bin 0', () => {
    const b = batchFromEvents([ev(3, 0, 0, 1), ev(3, 0, 0, 1), ev(3, 0, 0, 1)], S);
    expect(binFrames(b, { startUs: 3, endUs: 3 }, { values: 'binary', timeBins: 4 }).data[1]).toBe(1);
    expect(binFrames(b, { startUs: 0, endUs: 9 }, { values: { clipMax: 2 } }).data[1]).toBe(2);
    const out = new Float32Array(100).fill(1);
    binFrames(b, { startUs: 0, endUs: 9 }, {}, out, 10);
    expect([out[10], out[11], out[12]]).toEqual([1, 4, 1]);
    expect(() => binFrames(b, { startUs: 0, endUs: 9 }, {}, new Float32Array(10))).toThrow(ConfigError);
    expect(() => binFrames(b, { startUs: 0, endUs: 9 }, { timeBins: 0 })).toThrow(ConfigError);
    expect(() => binFrames(b, { startUs: 0, endUs: 9 }, { values: { clipMax: 0 } })).toThrow(ConfigError);
  });

  it('equals the reference on random events (T, clip)', () => {
    const evArb = fc.record({ t: fc.integer({ min: -5, max: 105 }), x: fc.nat(5), y: fc.nat(4), p: fc.nat(1) });
    fc.assert(fc.property(fc.array(evArb, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom(Infinity, 1, 2),
      (events, T, clip) => {
        const b = batchFromEvents(events, S);
        const values = clip === Infinity ? 'count' as const : { clipMax: clip };
        const r = binFrames(b, { startUs: 0, endUs: 100 }, { timeBins: T, values });
        expect(r.data).toEqual(refFrames(events, 0, 100, 4, 3, T, clip));
      }), { numRuns: 300 });
  });
});

describe('binVoxelGrid', () => {
  it('bilinear weights: first event in bin 0, last in bin T−1, middle split', () => {
    const b = batchFromEvents([ev(0, 0, 0, 1), ev(25, 0, 0, 0), ev(100, 0, 0, 1)], { width: 1, height: 1 });
    expect(Array.from(binVoxelGrid(b, { startUs: 0, endUs: 100 }, { bins: 3, polarity: 'signed' }).data)).toEqual([1 - 0.5, -0.5, 1]);
    expect(Array.from(binVoxelGrid(b, { startUs: 0, endUs: 100 }, { bins: 3, polarity: 'split' }).data)).toEqual([0.5, 1, 0.5, 0, 0, 1]);
  });

  it('equals the reference on random events', () => {
    const evArb = fc.record({ t: fc.integer({ min: -5, max: 105 }), x: fc.nat(5), y: fc.nat(4), p: fc.nat(1) });
    fc.assert(fc.property(fc.array(evArb, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (events, T, split) => {
      const b = batchFromEvents(events, S);
      const r = binVoxelGrid(b, { startUs: 0, endUs: 100 }, { bins: T, polarity: split ? 'split' : 'signed' });
      expect(maxAbsDiff(r.data, refVoxel(events, 0, 100, 4, 3, T, split))).toBeLessThan(1e-5);
    }), { numRuns: 300 });
  });
});

describe('binWholeStream / binSample (edges)', () => {
  const ts = [10, 11, 14, 17, 20, 21, 29, 30];
  const b = batchFromEvents(ts.map((t, i) => ev(t, i % 4, 0, 1)), S);
  const bounds = (r: ReturnType<typeof binWholeStream>) => r.windows.map((w) => [w.startUs, w.endUs, Array.from(w.events.t)]);

  it('time bins: tonic drops the tail (at least the last event), inclusive keeps it in the last bin', () => {
    // binUs = floor((30 − 10) / 3) = 6: [10,16) [16,22) [22,28); tail 29, 30
    const tonic = binWholeStream(b, { by: 'time', n: 3, edges: 'tonic' });
    expect(bounds(tonic)).toEqual([[10, 16, [10, 11, 14]], [16, 22, [17, 20, 21]], [22, 28, []]]);
    expect(tonic.excluded).toBe(2);
    const incl = binWholeStream(b, { by: 'time', n: 3, edges: 'inclusive' });
    expect(bounds(incl)).toEqual([[10, 16, [10, 11, 14]], [16, 22, [17, 20, 21]], [22, 30, [29, 30]]]);
    expect(incl.excluded).toBe(0);
  });

  it('event bins: floor(N/n) each; tonic drops the remainder, inclusive adds it to the last bin', () => {
    const tonic = binWholeStream(b, { by: 'count', n: 3, edges: 'tonic' });
    expect(bounds(tonic)).toEqual([[10, 11, [10, 11]], [14, 17, [14, 17]], [20, 21, [20, 21]]]);
    expect(tonic.excluded).toBe(2);
    expect(bounds(binWholeStream(b, { by: 'count', n: 3, edges: 'inclusive' }))[2]).toEqual([20, 30, [20, 21, 29, 30]]);
  });

  it('empty and unsorted input; more bins than events', () => {
    expect(binWholeStream(batchFromEvents([], S), { by: 'time', n: 2, edges: 'tonic' }).windows.map((w) => w.events.t.length)).toEqual([0, 0]);
    const shuffled = batchFromEvents([...ts].reverse().map((t) => ev(t, 0, 0, 1)), S);
    expect(bounds(binWholeStream(shuffled, { by: 'count', n: 3, edges: 'tonic' }))).toEqual(bounds(binWholeStream(b, { by: 'count', n: 3, edges: 'tonic' })));
    const many = binWholeStream(b, { by: 'count', n: 10, edges: 'inclusive' });
    expect(many.windows.map((w) => w.events.t.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 8]);
    expect(() => binWholeStream(b, { by: 'count', n: 0, edges: 'tonic' })).toThrow(ConfigError);
  });

  it('binSample stacks one reference frame per bin', () => {
    const r = binSample(b, { by: 'count', n: 3, edges: 'inclusive' });
    expect(r.shape).toEqual([3, 3, 4, 2]);
    const all = eventsOf(b);
    const expected = [all.slice(0, 2), all.slice(2, 4), all.slice(4)].map((e) => refFrames(e, 0, 100, 4, 3));
    expect(Array.from(r.data)).toEqual(expected.flatMap((f) => Array.from(f)));
  });
});

describe('toFrames / batchFrames (marbles)', () => {
  const scheduler = () => new TestScheduler((a, e) => expect(a).toEqual(e));
  const b = batchFromEvents([ev(1, 0, 0, 1), ev(12, 1, 0, 0), ev(25, 9, 0, 1)], S);

  it('one frame per window, counts outside the sensor', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('-a---|', { a: b }).pipe(windowEvents({ by: 'time', windowUs: 10 }), toFrames({ width: 4, height: 3 }));
      const frame = (index: number, on: number[], outside: number): SpikeFrame => {
        const data = new Float32Array(24);
        for (const i of on) data[i] = 1;
        return { index, startUs: index * 10, endUs: index * 10 + 10, shape: [1, 3, 4, 2], data, windows: 1, outside, late: 0, dropped: 0 };
      };
      expectObservable(out).toBe('-(xy)(z|)', { x: frame(0, [1], 0), y: frame(1, [2], 0), z: frame(2, [], 1) });
    });
  });

  it('batchFrames stacks [T, B, H, W, C] and flushes a short last batch', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const f = (index: number): SpikeFrame => ({
        index, startUs: 0, endUs: 1, shape: [2, 1, 1, 2], data: Float32Array.from([index, index + 0.5, 10 + index, 10.5 + index]),
        windows: 1, outside: 0, late: 0, dropped: 0,
      });
      const out = cold('-a-b-c|', { a: f(0), b: f(1), c: f(2) }).pipe(batchFrames(2));
      expectObservable(out).toBe('---x--(y|)', {
        x: { shape: [2, 2, 1, 1, 2], data: Float32Array.from([0, 0.5, 1, 1.5, 10, 10.5, 11, 11.5]), indices: [0, 1] },
        y: { shape: [2, 1, 1, 1, 2], data: Float32Array.from([2, 2.5, 12, 12.5]), indices: [2] },
      });
    });
    expect(() => batchFrames(0)).toThrow(ConfigError);
  });
});

// ---- real recordings: fast kernels = reference; any batch split gives the same frames ---------

/** Typed arrays compared as bytes (vitest's deep equality is slow on millions of elements). */
function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

async function framesOf(batches: EventBatch[], windowUs: number, W: number, H: number): Promise<SpikeFrame[]> {
  const encoding = { kind: 'frames', timeBins: 2 } as const;
  return lastValueFrom(from(batches).pipe(windowEvents({ by: 'time', windowUs }), toFrames({ width: W, height: H, encoding }), toArray()));
}

function checkRecording(name: string, load: () => EventBatch): void {
  it(`${name}: frames and voxel grids equal the reference; batch splits do not matter`, async () => {
    const b = load();
    const all = eventsOf(b);
    const t0 = all[0]!.t;
    const t1 = all[all.length - 1]!.t;
    const frames = binFrames(b, { startUs: t0, endUs: t1 }, { timeBins: 3 }).data;
    expect(sameBytes(frames, refFrames(all, t0, t1, b.width, b.height, 3))).toBe(true);
    const vox = binVoxelGrid(b, { startUs: t0, endUs: t1 }, { bins: 3, polarity: 'signed' }).data;
    expect(maxAbsDiff(vox, refVoxel(all, t0, t1, b.width, b.height, 3, false))).toBeLessThan(1e-3);
    const windowUs = Math.ceil((t1 - t0) / 4); // a handful of windows: frames of big sensors are large
    const whole = await framesOf([b], windowUs, b.width, b.height);
    const split = await framesOf(splitAt(b, [1, 999, 1000, 4321].filter((c) => c < b.t.length)), windowUs, b.width, b.height);
    expect(split.map((f) => ({ ...f, data: null }))).toEqual(whole.map((f) => ({ ...f, data: null })));
    split.forEach((f, i) => expect(sameBytes(f.data, whole[i]!.data)).toBe(true));
    expect(whole.reduce((s, f) => s + f.data.reduce((a, v) => a + v, 0), 0)).toBe(b.t.length);
  });
}

describe('on real recordings (fixtures)', () => {
  checkRecording('nmnist_sample.bin', () => decodeFixture('nmnist_sample.bin'));
  checkRecording('evt3_gen41_1280x720_expelliarmus.raw', () => decodeFixture('evt3_gen41_1280x720_expelliarmus.raw'));
});

describe.skipIf(!HAVE_SHARED)('on real recordings (shared samples)', () => {
  checkRecording('evt2_gen3_640x480_expelliarmus.raw', () => decodeFile(SHARED_SAMPLES, 'evt2_gen3_640x480_expelliarmus.raw'));
});
