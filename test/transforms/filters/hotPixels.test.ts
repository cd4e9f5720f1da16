import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchFromEvents, sliceIndex } from '../../../src/events/EventBatch.js';
import { ConfigError } from '../../../src/errors.js';
import { detectHotPixels, markHotPixels, pixelMask, removePixels } from '../../../src/transforms/filters/hotPixels.js';
import { hotPixelFilter } from '../../../src/transforms/filters/hotPixelFilter.js';
import { concatBatches } from '../../../src/events/concatBatches.js';
import { splitAt } from '../helpers.js';
import { refHotPixels, refRemovePixels } from './reference.js';
import { HAVE_SHARED, S, SAMPLES, ev, eventsOf, runOperator, sampleEvents, splitStreamArb, streamArb } from './helpers.js';

const keys = (pixels: { x: number; y: number }[]) => new Set(pixels.map((p) => `${p.x},${p.y}`));

describe('hot pixels', () => {
  it('rule: count > factor × mean count of active pixels', () => {
    const mask = new Uint8Array(4);
    expect(markHotPixels(Uint32Array.from([1, 1, 1, 13]), 3, mask)).toBe(1); // mean 4, limit 12
    expect(Array.from(mask)).toEqual([0, 0, 0, 1]);
    expect(markHotPixels(Uint32Array.from([1, 0, 0, 12]), 3, new Uint8Array(4))).toBe(0); // mean 6.5, 12 < 19.5
    expect(markHotPixels(new Uint32Array(4), 1, new Uint8Array(4))).toBe(0);
  });

  it('removePixels removes listed pixels and counts off-sensor events apart', () => {
    const b = batchFromEvents([ev(0, 1, 1), ev(1, 2, 1), ev(2, 7, 0), ev(3, 1, 1)], S);
    const r = removePixels(b, pixelMask([{ x: 1, y: 1 }], S), S);
    expect([Array.from(r.events.t), r.removed, r.outside]).toEqual([[1], 2, 1]);
    expect(() => pixelMask([{ x: 5, y: 0 }], S)).toThrow(ConfigError);
  });

  it('detection and removal equal the reference on random streams', () => {
    fc.assert(fc.property(streamArb(), fc.double({ min: 0.5, max: 4, noNaN: true }), (b, factor) => {
      const hot = refHotPixels(eventsOf(b), S, factor);
      expect(keys(detectHotPixels(b, S, factor))).toEqual(hot);
      const r = removePixels(b, pixelMask(detectHotPixels(b, S, factor), S), S);
      expect(eventsOf(r.events)).toEqual(refRemovePixels(eventsOf(b), S, hot));
    }));
  });

  it('the operator calibrates on exactly the first N events, whatever the batching', async () => {
    await fc.assert(fc.asyncProperty(splitStreamArb(), fc.integer({ min: 1, max: 70 }), async ({ b, cuts }, N) => {
      const o = { ...S, pixels: [{ x: 0, y: 0 }], detect: { factor: 1.5, calibrationEvents: N } };
      const prefix = sliceIndex(b, 0, Math.min(N, b.t.length));
      const hot = refHotPixels(eventsOf(prefix), S, 1.5).add('0,0');
      const { out, metrics } = await runOperator((m) => hotPixelFilter(o, m), splitAt(b, cuts));
      expect(eventsOf(concatBatches(out, S))).toEqual(refRemovePixels(eventsOf(b), S, hot));
      const last = metrics.at(-1);
      if (last) expect([last.eventsIn, last.held, last.eventsOut + last.removed + last.outside]).toEqual([b.t.length, 0, b.t.length]);
    }));
  });

  it('holds the prefix (counted in held) and emits it with the batch that completes it', async () => {
    const hotEvents = Array.from({ length: 6 }, (_, i) => ev(i, 2, 2));
    const b1 = batchFromEvents([ev(0, 0, 0), ...hotEvents.slice(0, 2)], S);
    const b2 = batchFromEvents([...hotEvents.slice(2), ev(9, 1, 1), ev(10, 2, 2)], S);
    const { out, metrics } = await runOperator((m) => hotPixelFilter({ ...S, detect: { factor: 1.5, calibrationEvents: 6 } }, m), [b1, b2]);
    expect(out.map((b) => Array.from(b.t))).toEqual([[], [0, 9]]);
    expect(metrics.map((m) => [m.eventsIn, m.eventsOut, m.removed, m.held])).toEqual([[3, 0, 0, 3], [9, 2, 7, 0]]);
  });

  it('rejects bad options at call time', () => {
    expect(() => hotPixelFilter({ ...S, detect: { factor: 0, calibrationEvents: 10 } })).toThrow(ConfigError);
    expect(() => hotPixelFilter({ ...S, detect: { factor: 2, calibrationEvents: 0.5 } })).toThrow(ConfigError);
    expect(() => hotPixelFilter({ ...S, pixels: [{ x: -1, y: 0 }] })).toThrow(ConfigError);
  });
});

describe.skipIf(!HAVE_SHARED)('hot pixels on the shared samples', () => {
  it.each(SAMPLES)('%s: detection and removal equal the reference', (name) => {
    const b = sampleEvents(name);
    const s = { width: b.width, height: b.height };
    const hot = refHotPixels(eventsOf(b), s, 5);
    const found = detectHotPixels(b, s, 5);
    expect(keys(found)).toEqual(hot);
    if (!name.startsWith('nmnist')) expect(found.length).toBeGreaterThan(0); // the rule has work to do here
    expect(eventsOf(removePixels(b, pixelMask(found, s), s).events)).toEqual(refRemovePixels(eventsOf(b), s, hot));
  });
});
