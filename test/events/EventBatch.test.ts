import { describe, expect, it } from 'vitest';
import {
  batchFromEvents, concatBatches, emptyBatch, eventAt, filterEvents, JAER_DAVIS_TO_TOP_LEFT, makeBatch,
  orient, sliceByTime, sliceIndex,
} from '../../src/events/index.js';

const sensor = { width: 4, height: 3 };
const b = batchFromEvents(
  [
    { t: 10, x: 0, y: 0, p: 1 },
    { t: 20, x: 1, y: 2, p: 0 },
    { t: 20, x: 3, y: 1, p: 1 },
    { t: 35, x: 2, y: 2, p: 0 },
  ],
  sensor,
);

describe('EventBatch', () => {
  it('rejects columns of different lengths', () => {
    expect(() => makeBatch(
      { x: new Uint16Array(2), y: new Uint16Array(2), t: new Float64Array(1), p: new Uint8Array(2) }, sensor,
    )).toThrow(RangeError);
  });

  it('slices by index and by time without copying', () => {
    const s = sliceIndex(b, 1, 3);
    expect(s.t.buffer).toBe(b.t.buffer);
    expect(Array.from(s.t)).toEqual([20, 20]);
    expect(Array.from(sliceByTime(b, 20, 35).x)).toEqual([1, 3]);
    expect(sliceByTime(b, 36, 100).t.length).toBe(0);
    expect(sliceByTime(b, 30, 10).t.length).toBe(0);
    expect(Array.from(sliceByTime(b, -Infinity, Infinity).t)).toEqual([10, 20, 20, 35]);
  });

  it('concatenates in order and keeps a lone batch as is', () => {
    const c = concatBatches([sliceIndex(b, 2, 4), emptyBatch(sensor), sliceIndex(b, 0, 2)]);
    expect(Array.from(c.t)).toEqual([20, 35, 10, 20]);
    expect(Array.from(c.p)).toEqual([1, 0, 1, 0]);
    expect(concatBatches([b, emptyBatch(sensor)])).toBe(b);
    expect(concatBatches([], sensor).width).toBe(4);
  });

  it('filters by predicate', () => {
    const on = filterEvents(b, (i) => b.p[i] === 1);
    expect(Array.from(on.x)).toEqual([0, 3]);
    expect(filterEvents(b, () => true)).toBe(b);
  });

  it('applies orientation conventions explicitly', () => {
    const o = orient(b, JAER_DAVIS_TO_TOP_LEFT);
    expect(eventAt(o, 1)).toEqual({ t: 20, x: 2, y: 0, p: 0 });
    expect(Array.from(orient(b, { invertPolarity: true }).p)).toEqual([0, 1, 0, 1]);
    expect(eventAt(b, 4)).toBeNull();
  });
});
