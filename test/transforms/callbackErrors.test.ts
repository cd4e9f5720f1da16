import { type MonoTypeOperatorFunction, from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchFromEvents, type EventBatch } from '../../src/events/EventBatch.js';
import { dropEventsAugment } from '../../src/transforms/augment/dropEvents.js';
import { spatialJitterAugment } from '../../src/transforms/augment/spatialJitter.js';
import { timeJitterAugment } from '../../src/transforms/augment/timeJitter.js';
import { uniformNoiseAugment } from '../../src/transforms/augment/uniformNoise.js';
import type { OnFilterMetrics } from '../../src/transforms/filters/FilterMetrics.js';
import { cropFilter } from '../../src/transforms/filters/crop.js';
import { denoiseFilter } from '../../src/transforms/filters/denoise.js';
import { hotPixelFilter } from '../../src/transforms/filters/hotPixelFilter.js';
import { polarityFilter } from '../../src/transforms/filters/polarity.js';
import { refractoryFilter } from '../../src/transforms/filters/refractory.js';
import { Boom, boom, settleWatching } from '../streams/callbackHelpers.js';

const sensor = { width: 4, height: 4 };
const batch = (t0: number): EventBatch => batchFromEvents([0, 1, 2].map((i) => ({ t: t0 + i, x: i, y: 1, p: i % 2 })), sensor);

/** Every operator of src/transforms that takes a user callback, built with that callback. */
const operators: [string, (cb: OnFilterMetrics) => MonoTypeOperatorFunction<EventBatch>][] = [
  ['refractoryFilter', (cb) => refractoryFilter({ ...sensor, refractoryUs: 5 }, cb)],
  ['denoiseFilter', (cb) => denoiseFilter({ ...sensor, filterTimeUs: 5 }, cb)],
  ['polarityFilter', (cb) => polarityFilter(1, cb)],
  ['cropFilter', (cb) => cropFilter({ x0: 0, y0: 0, width: 2, height: 2 }, cb)],
  ['hotPixelFilter', (cb) => hotPixelFilter({ ...sensor, pixels: [{ x: 0, y: 1 }] }, cb)],
  ['hotPixelFilter (calibrating, throws at the flush)', (cb) => hotPixelFilter({ ...sensor, detect: { factor: 5, calibrationEvents: 1000 } }, cb)],
  ['dropEventsAugment', (cb) => dropEventsAugment(0.5, { seed: 1 }, cb)],
  ['spatialJitterAugment', (cb) => spatialJitterAugment({ sigmaX: 1, sigmaY: 1, outside: 'clip' }, { seed: 1 }, cb)],
  ['timeJitterAugment', (cb) => timeJitterAugment(2, { seed: 1 }, cb)],
  ['uniformNoiseAugment', (cb) => uniformNoiseAugment(3, { seed: 1 }, cb)],
];

describe.each(operators)('%s with a throwing onMetrics', (_name, make) => {
  it('sends the error downstream at the first report, nothing uncaught', async () => {
    const out = await settleWatching(from([batch(0), batch(10), batch(20)]).pipe(make(boom)));
    expect(out.error).toBeInstanceOf(Boom);
    expect(out).toMatchObject({ completed: false, hung: false, uncaught: [] });
    expect(out.values.length).toBeLessThanOrEqual(1);
  });
});

describe('augmentations with a throwing rng factory', () => {
  it('send the error downstream at subscription, nothing uncaught', async () => {
    const out = await settleWatching(from([batch(0)]).pipe(dropEventsAugment(0.5, { rng: boom })));
    expect(out).toMatchObject({ values: [], completed: false, uncaught: [] });
    expect(out.error).toBeInstanceOf(Boom);
  });
});
