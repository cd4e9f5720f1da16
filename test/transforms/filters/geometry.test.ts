import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchFromEvents } from '../../../src/events/EventBatch.js';
import { ConfigError } from '../../../src/errors.js';
import { centerCropRoi, crop, cropFilter } from '../../../src/transforms/filters/crop.js';
import { downsample, downsampleFilter } from '../../../src/transforms/filters/downsample.js';
import { flipFilter, flipLR, flipPolarity, flipUD } from '../../../src/transforms/filters/flips.js';
import { mergePolarities, polarityFilter, selectPolarity } from '../../../src/transforms/filters/polarity.js';
import { refCrop, refDownsample } from './reference.js';
import { HAVE_SHARED, S, SAMPLES, ev, eventsOf, runOperator, sampleEvents, streamArb } from './helpers.js';

describe('crop', () => {
  it('keeps [x0, x0+w) × [y0, y0+h), shifts to the origin and sets the sensor size', () => {
    const b = batchFromEvents([ev(0, 1, 1), ev(1, 2, 1), ev(2, 4, 3), ev(3, 0, 2)], S);
    const r = crop(b, { x0: 1, y0: 1, width: 3, height: 2 });
    expect(eventsOf(r.events)).toEqual([ev(0, 0, 0), ev(1, 1, 0)]);
    expect([r.events.width, r.events.height, r.removed]).toEqual([3, 2, 2]);
  });

  it("centre crop uses tonic's offsets and refuses a crop larger than the sensor", () => {
    expect(centerCropRoi({ width: 346, height: 260 }, { width: 256, height: 256 })).toEqual({ x0: 45, y0: 2, width: 256, height: 256 });
    expect(centerCropRoi({ width: 5, height: 4 }, { width: 2, height: 1 })).toEqual({ x0: 1, y0: 1, width: 2, height: 1 });
    expect(() => centerCropRoi(S, { width: 6, height: 1 })).toThrow(ConfigError);
    expect(() => cropFilter({ x0: -1, y0: 0, width: 2, height: 2 })).toThrow(ConfigError);
  });

  it('equals the reference on random streams and ROIs', () => {
    fc.assert(fc.property(streamArb(), fc.nat(5), fc.nat(4), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (b, x0, y0, w, h) => {
      const r = crop(b, { x0, y0, width: w, height: h });
      expect(eventsOf(r.events)).toEqual(refCrop(eventsOf(b), x0, y0, w, h));
      expect(r.removed).toBe(b.t.length - r.events.t.length);
    }));
  });

  it('the operator counts what the crop removed', async () => {
    const b = batchFromEvents([ev(0, 0, 0), ev(1, 3, 3)], S);
    const { metrics } = await runOperator((m) => cropFilter({ x0: 0, y0: 0, width: 2, height: 2 }, m), [b, b]);
    expect(metrics.at(-1)).toMatchObject({ filter: 'crop', eventsIn: 4, eventsOut: 2, removed: 2 });
  });
});

describe('downsample', () => {
  it('floors x·f, keeps every event (ties included) and sizes the sensor to hold every mapped pixel', () => {
    const b = batchFromEvents([ev(0, 0, 0), ev(0, 1, 1), ev(1, 4, 3)], S);
    const half = downsample(b, { factor: 0.5 });
    expect(eventsOf(half)).toEqual([ev(0, 0, 0), ev(0, 0, 0), ev(1, 2, 1)]);
    expect([half.width, half.height]).toEqual([3, 2]);
    const third = downsample({ ...b, width: 4, height: 4 }, { factor: 0.3 });
    expect([third.width, third.height]).toEqual([1, 1]); // floor(3·0.3) + 1, not ceil(4·0.3) = 2
    expect(downsample(batchFromEvents([], { width: 347, height: 260 }), { divisor: 2 })).toMatchObject({ width: 174, height: 130 });
  });

  it('equals the reference on random streams; a divisor is exact', () => {
    fc.assert(fc.property(streamArb(), fc.double({ min: 0.05, max: 3, noNaN: true }), fc.integer({ min: 1, max: 7 }), (b, f, d) => {
      expect(eventsOf(downsample(b, { factor: f }))).toEqual(refDownsample(eventsOf(b), (v) => Math.floor(v * f)));
      expect(eventsOf(downsample(b, { divisor: d }))).toEqual(refDownsample(eventsOf(b), (v) => (v - (v % d)) / d));
    }));
  });

  it('rejects bad scales', () => {
    expect(() => downsampleFilter({ factor: 0 })).toThrow(ConfigError);
    expect(() => downsampleFilter({ divisor: 1.5 })).toThrow(ConfigError);
    expect(() => downsample(batchFromEvents([], { width: 60000, height: 1 }), { factor: 2 })).toThrow(ConfigError);
  });
});

describe('polarity and flips', () => {
  it('selectPolarity keeps one polarity and counts the rest; merge sets every p to 0', async () => {
    fc.assert(fc.property(streamArb(), fc.constantFrom(0 as const, 1 as const), (b, keep) => {
      const r = selectPolarity(b, keep);
      expect(eventsOf(r.events)).toEqual(eventsOf(b).filter((e) => e.p === keep));
      expect(r.removed).toBe(eventsOf(b).filter((e) => e.p !== keep).length);
      expect(eventsOf(mergePolarities(b))).toEqual(eventsOf(b).map((e) => ({ ...e, p: 0 })));
    }));
    const { metrics } = await runOperator((m) => polarityFilter(1, m), [batchFromEvents([ev(0, 0, 0, 0), ev(1, 0, 0, 1)], S)]);
    expect(metrics).toEqual([expect.objectContaining({ filter: 'polarity', eventsOut: 1, removed: 1 })]);
    expect(() => polarityFilter(2 as 1)).toThrow(ConfigError);
  });

  it('flips map x → W−1−x, y → H−1−y, p → 1−p and are involutions', async () => {
    const b = batchFromEvents([ev(0, 0, 0, 1), ev(1, 4, 1, 0)], S);
    expect(eventsOf(flipLR(b))).toEqual([ev(0, 4, 0, 1), ev(1, 0, 1, 0)]);
    expect(eventsOf(flipUD(b))).toEqual([ev(0, 0, 3, 1), ev(1, 4, 2, 0)]);
    expect(eventsOf(flipPolarity(b))).toEqual([ev(0, 0, 0, 0), ev(1, 4, 1, 1)]);
    const { out } = await runOperator(() => flipFilter({ flipX: true, flipY: true }), [b]);
    expect(eventsOf(out[0]!)).toEqual([ev(0, 4, 3, 1), ev(1, 0, 2, 0)]);
    fc.assert(fc.property(streamArb(), (s) => {
      const on = { ...s, x: s.x.map((x) => Math.min(x, 4)), y: s.y.map((y) => Math.min(y, 3)) };
      expect(eventsOf(flipLR(flipLR(on)))).toEqual(eventsOf(on));
      expect(eventsOf(flipUD(flipUD(on)))).toEqual(eventsOf(on));
    }));
  });
});

describe.skipIf(!HAVE_SHARED)('crop, downsample, polarity on the shared samples', () => {
  it.each(SAMPLES)('%s: equal the references', (name) => {
    const b = sampleEvents(name, 50_000);
    const all = eventsOf(b);
    const roi = centerCropRoi(b, { width: Math.ceil(b.width / 2), height: Math.ceil(b.height / 3) });
    const cropped = crop(b, roi);
    expect(eventsOf(cropped.events)).toEqual(refCrop(all, roi.x0, roi.y0, roi.width, roi.height));
    expect(cropped.removed).toBeGreaterThan(0);
    expect(eventsOf(downsample(b, { factor: 0.37 }))).toEqual(refDownsample(all, (v) => Math.floor(v * 0.37)));
    expect(eventsOf(selectPolarity(b, 0).events)).toEqual(all.filter((e) => e.p === 0));
    expect(eventsOf(flipLR(b))).toEqual(all.map((e) => ({ ...e, x: b.width - 1 - e.x })));
  });
});
