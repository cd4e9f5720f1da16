import { Subject, from, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { consumeWith } from '../../../src/streams/flow/consumeWith.js';
import { disorderCounter } from '../../../src/streams/flow/disorderCounter.js';
import { Boom, boom, settleWatching } from '../callbackHelpers.js';
import { ramp } from '../../sources/aedat4Net/netHelpers.js';

const outOfOrder = [ramp(3, 100), ramp(3, 0)];

describe('disorderCounter with a throwing onCounts', () => {
  it('sends the error downstream (counts changed mid-stream), nothing uncaught', async () => {
    const out = await settleWatching(from(outOfOrder).pipe(disorderCounter(0, boom)));
    expect(out.error).toBeInstanceOf(Boom);
    expect(out.uncaught).toEqual([]);
    expect(out.values).toHaveLength(1);
  });

  it('sends the error downstream when the final report throws', async () => {
    const out = await settleWatching(of(ramp(3, 0)).pipe(disorderCounter(0, boom)));
    expect(out).toMatchObject({ completed: false, uncaught: [] });
    expect(out.error).toBeInstanceOf(Boom);
  });
});

describe('consumeWith with a throwing onMetrics', () => {
  it('sends the error of a drop report downstream, nothing uncaught', async () => {
    const source = new Subject<ReturnType<typeof ramp>>();
    const busy = new Subject<number>();
    const run = settleWatching(source.pipe(consumeWith(() => busy, { kind: 'dropOldest', maxBatches: 1 }, boom)));
    for (let i = 0; i < 4; i++) source.next(ramp(1, i));
    const out = await run;
    expect(out.error).toBeInstanceOf(Boom);
    expect(out.uncaught).toEqual([]);
    expect(source.observed).toBe(false); // upstream torn down
  });

  it('sends the error of the final report downstream instead of completing', async () => {
    const out = await settleWatching(of(ramp(2, 0)).pipe(consumeWith((b) => of(b.t.length), { kind: 'dropOldest', maxBatches: 4 }, boom)));
    expect(out).toMatchObject({ values: [2], completed: false, uncaught: [] });
    expect(out.error).toBeInstanceOf(Boom);
  });

  it('never throws from unsubscribe when the last report throws', () => {
    const sub = new Subject<ReturnType<typeof ramp>>().pipe(consumeWith((b) => of(b), { kind: 'dropOldest', maxBatches: 4 }, boom)).subscribe();
    expect(() => sub.unsubscribe()).not.toThrow();
  });
});
