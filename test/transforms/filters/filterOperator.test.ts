import { describe, expect, it } from 'vitest';
import { Subject, firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { batchFromEvents, emptyBatch } from '../../../src/events/EventBatch.js';
import { ConfigError } from '../../../src/errors.js';
import { filterOperator } from '../../../src/transforms/filters/filterOperator.js';
import { selectPolarity } from '../../../src/transforms/filters/polarity.js';
import { refractoryFilter } from '../../../src/transforms/filters/refractory.js';
import { downsample } from '../../../src/transforms/filters/downsample.js';
import { S, ev } from './helpers.js';

const onOff = batchFromEvents([ev(0, 0, 0, 1), ev(1, 1, 0, 0)], S);

describe('filterOperator', () => {
  it('emits one batch per input batch, empty ones included', async () => {
    const out = await lastValueFrom(from([onOff, emptyBatch(S), onOff]).pipe(
      filterOperator('on', () => ({ push: (b) => selectPolarity(b, 1) })), toArray()));
    expect(out.map((b) => b.t.length)).toEqual([1, 0, 1]);
  });

  it('each subscription gets fresh state', async () => {
    const op = refractoryFilter({ ...S, refractoryUs: 10 });
    const src = from([batchFromEvents([ev(0, 0, 0), ev(50, 0, 0)], S)]);
    const a = await firstValueFrom(src.pipe(op));
    const b = await firstValueFrom(src.pipe(op));
    expect([a.t.length, b.t.length]).toEqual([2, 2]);
  });

  it('a kernel error and an onMetrics exception go downstream as errors', async () => {
    const bad = filterOperator('bad', () => ({ push: (b) => ({ events: downsample(b, { factor: 1e6 }), removed: 0 }) }));
    await expect(firstValueFrom(from([onOff]).pipe(bad))).rejects.toThrow(ConfigError);
    const throwing = filterOperator('on', () => ({ push: (b) => selectPolarity(b, 1) }), () => { throw new Error('callback'); });
    await expect(lastValueFrom(from([onOff]).pipe(throwing))).rejects.toThrow('callback');
  });

  it('flush output is delivered before completion; teardown stops further pushes', async () => {
    const op = filterOperator('hold', () => {
      let held = emptyBatch(S);
      return { push: (b) => { held = b; return { events: emptyBatch(S), removed: 0 }; }, flush: () => ({ events: held, removed: 0 }) };
    });
    const out = await lastValueFrom(from([onOff]).pipe(op, toArray()));
    expect(out.map((b) => b.t.length)).toEqual([0, 2]);
    const input = new Subject<typeof onOff>();
    let pushes = 0;
    const sub = input.pipe(filterOperator('count', () => ({ push: (b) => { pushes++; return { events: b, removed: 0 }; } }))).subscribe();
    input.next(onOff);
    sub.unsubscribe();
    input.next(onOff);
    expect(pushes).toBe(1);
  });
});
