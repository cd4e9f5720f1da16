import { from, lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readEventFile } from '../../src/aedat/node/index.js';
import { framePool, toFrames, windowEvents } from '../../src/transforms/index.js';
import { FIXTURES } from '../helpers/samples.js';

describe('framePool', () => {
  it('hands back released buffers zeroed, keeps at most maxFree, ignores double releases', () => {
    const pool = framePool(2);
    const a = pool.take(4);
    a.fill(7);
    pool.release(a);
    pool.release(a);
    expect(pool.free).toBe(1);
    const b = pool.take(4);
    expect(b).toBe(a);
    expect(Array.from(b)).toEqual([0, 0, 0, 0]);
    expect(pool.take(5)).not.toBe(a);
    [new Float32Array(4), new Float32Array(4), new Float32Array(4)].forEach((d) => pool.release(d));
    expect(pool.free).toBe(2);
  });

  it('toFrames with a pool gives the same frames as without, reusing released buffers', async () => {
    const { events } = await readEventFile(`${FIXTURES}/aedat4_davis346_evlib_sample.aedat4`);
    const frames = (pool?: ReturnType<typeof framePool>) => lastValueFrom(from([events]).pipe(
      windowEvents({ by: 'time', windowUs: 10_000 }),
      toFrames({ width: events.width, height: events.height, encoding: { kind: 'frames', timeBins: 2 }, ...(pool ? { pool } : {}) }),
      map((f) => {
        const copy = Float32Array.from(f.data);
        pool?.release(f.data);
        return { copy, data: f.data };
      }),
      toArray(),
    ));
    const plain = await frames();
    const pool = framePool();
    const pooled = await frames(pool);
    expect(pooled.map((f) => f.copy)).toEqual(plain.map((f) => f.copy));
    expect(new Set(pooled.map((f) => f.data)).size).toBe(1);
    expect(plain.length).toBeGreaterThan(10);
  });
});
