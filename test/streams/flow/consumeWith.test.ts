import { Subject, from, lastValueFrom, of, timer, toArray, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { serveAedat4 } from '../../../src/sinks/aedat4Net/index.js';
import { aedat4TcpSource } from '../../../src/sources/aedat4Net/index.js';
import { bytesChunkReader } from '../../../src/sources/bytesChunkReader.js';
import {
  FlowOverflowError, type FlowMetrics, consumeWith, countDisorder, createValve, gatedChunkReader, initialDisorderState,
} from '../../../src/streams/flow/index.js';
import { replayChunks } from '../../../src/sources/replayChunks.js';
import { FIXTURES, fixture } from '../../helpers/samples.js';
import { columns, ramp } from '../../sources/aedat4Net/netHelpers.js';

const SAMPLE = 'aedat4_davis346_evlib_sample.aedat4';

describe('consumeWith dropOldest', () => {
  it('keeps at most maxBatches waiting behind a slow consumer and counts every drop exactly', () => {
    const source = new Subject<ReturnType<typeof ramp>>();
    const gates: Subject<number>[] = [];
    const seen: number[] = [];
    const metrics: FlowMetrics[] = [];
    source.pipe(consumeWith((b) => { const g = new Subject<number>(); gates.push(g); return g.pipe(map(() => b.t[0]!)); },
      { kind: 'dropOldest', maxBatches: 2 }, (m) => metrics.push(m))).subscribe((t) => seen.push(t));
    for (let i = 0; i < 10; i++) source.next(ramp(i + 1, i * 100)); // consumer busy with batch 0 all along
    expect(metrics.at(-1)).toMatchObject({ queuedBatches: 2, maxQueuedBatches: 2 });
    source.complete();
    while (gates.length > seen.length) { const g = gates[seen.length]!; g.next(0); g.complete(); }
    const last = metrics.at(-1)!;
    expect(seen).toEqual([0, 800, 900]);
    expect(last).toMatchObject({ state: 'complete', batches: 3, events: 1 + 9 + 10, dropped: { queueFullBatches: 7, queueFullEvents: 2 + 3 + 4 + 5 + 6 + 7 + 8 } });
    expect(last.events + last.dropped['queueFullEvents']!).toBe(55);
  });

  it('bounds events too, and counts what an unsubscription leaves unconsumed', () => {
    const source = new Subject<ReturnType<typeof ramp>>();
    const metrics: FlowMetrics[] = [];
    const sub = source.pipe(consumeWith(() => new Subject<never>(), { kind: 'dropOldest', maxBatches: 100, maxEvents: 10 }, (m) => metrics.push(m))).subscribe();
    [4, 4, 4, 4].forEach((n) => source.next(ramp(n)));
    sub.unsubscribe();
    expect(metrics.at(-1)).toMatchObject({
      state: 'unsubscribed', events: 4, maxQueuedEvents: 8, dropped: { queueFullBatches: 1, queueFullEvents: 4, unconsumedBatches: 2, unconsumedEvents: 8 },
    });
  });
});

describe('consumeWith lossless', () => {
  it('pauses a gated file replay so a slow consumer gets every event with a bounded queue', async () => {
    const bytes = fixture(SAMPLE);
    const valve = createValve();
    const policy = { kind: 'lossless', valve, highWaterBatches: 2, maxBatches: 64 } as const;
    const metrics: FlowMetrics[] = [];
    const replay = replayChunks(() => gatedChunkReader(bytesChunkReader(bytes, 4096), valve), { fileName: SAMPLE, maxEventsPerBatch: 256 });
    const got = await lastValueFrom(replay.pipe(consumeWith((b) => timer(1).pipe(map(() => b)), policy, (m) => metrics.push(m)), toArray()));
    const all = await lastValueFrom(replayChunks(() => bytesChunkReader(bytes, 4096), { fileName: SAMPLE }).pipe(toArray()));
    expect(columns(got)).toEqual(columns(all));
    const last = metrics.at(-1)!;
    expect(last).toMatchObject({ state: 'complete', events: 6676, dropped: {} });
    expect(last.pauses).toBeGreaterThan(0);
    expect(last.maxQueuedBatches).toBeLessThanOrEqual(2 + 4096 / 16); // high water + one chunk's batches
    expect(valve.isOpen).toBe(true);
  });

  it('errors with FlowOverflowError when the producer ignores the valve', async () => {
    const policy = { kind: 'lossless', valve: createValve(), highWaterBatches: 2, maxBatches: 4 } as const;
    const run = lastValueFrom(from(Array.from({ length: 10 }, () => ramp(1))).pipe(consumeWith(() => timer(5), policy)));
    await expect(run).rejects.toBeInstanceOf(FlowOverflowError);
  });

  it('pauses the TCP socket: a slow consumer of a max-speed server loses nothing', async () => {
    const server = await serveAedat4(`${FIXTURES}/${SAMPLE}`, { speed: 'max', packetEvents: 64 });
    const policy = { kind: 'lossless', valve: createValve(), highWaterBatches: 4 } as const;
    const metrics: FlowMetrics[] = [];
    const got = await lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port: server.port, policy })
      .pipe(consumeWith((b) => timer(1).pipe(map(() => b)), policy, (m) => metrics.push(m)), toArray()));
    expect(columns(got).t.length).toBe(6676);
    expect(metrics.at(-1)).toMatchObject({ state: 'complete', dropped: {} });
    expect((await server.done).dropped).toEqual({});
  });

  it('runs synchronous projects without recursion', async () => {
    const n = 20_000;
    const out = await lastValueFrom(from(Array.from({ length: n }, () => ramp(1))).pipe(
      consumeWith((b) => of(b.t.length), { kind: 'dropOldest', maxBatches: 1 }), toArray()));
    expect(out.length).toBe(n);
  });
});

describe('countDisorder', () => {
  it('counts out-of-order, late and duplicate events across batches', () => {
    const s = initialDisorderState();
    const c = { outOfOrder: 0, late: 0, duplicate: 0 };
    const b = ramp(4, 100); // t 100..103
    countDisorder(b, s, c, 10);
    const back = { ...ramp(3, 0), t: Float64Array.of(103, 95, 80) }; // 103 repeats (x differs), 95 steps back, 80 late
    countDisorder(back, s, c, 10);
    const dup = { ...b, t: Float64Array.of(80, 80, 80, 80), x: Uint16Array.of(1, 1, 2, 2), y: Uint16Array.of(0, 0, 0, 0), p: Uint8Array.of(0, 0, 0, 0) };
    countDisorder(dup, s, c, 10);
    expect(c).toEqual({ outOfOrder: 2, late: 5, duplicate: 2 });
  });
});
