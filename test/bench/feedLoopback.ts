/**
 * `npx tsx test/bench/feedLoopback.ts [runs]`: the event feed over loopback TCP in one process
 * (both ends share one thread): serveFeed → 127.0.0.1 → feedSource / feedMessages.
 *
 * 1. Throughput: 10 M events (200 batches × 50,000) offered as fast as the event loop turns
 *    (one batch per setImmediate), queue bound raised so nothing is dropped (drops are printed),
 *    events/s from subscription to completion at the receiver.
 * 2. Latency: 2,000 batches of 1,000 events paced at one batch per ms (1 M events/s), each frame
 *    stamped `sentAtMs` when encoded; latency = receipt − stamp, p50 / p99 over all frames.
 *
 * Medians of `runs` (default 5) runs after a warm-up. Numbers only: nothing here asserts a time.
 */
import { Observable, lastValueFrom, reduce } from 'rxjs';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { serveFeed } from '../../src/sinks/feed/serveFeed.js';
import { feedMessages } from '../../src/sources/feed/feedMessages.js';
import { feedSource } from '../../src/sources/feed/feedSource.js';
import { sampleBatch } from '../wire/wireHelpers.js';

const runs = Number(process.argv[2] ?? 5);
const sensor = { width: 640, height: 480 };
const now = (): number => performance.timeOrigin + performance.now();

/** Emits the batches one per setImmediate (so sockets are served between batches), or every `periodMs`. */
function offered(batches: readonly EventBatch[], periodMs?: number): Observable<EventBatch> {
  return new Observable<EventBatch>((sub) => {
    let i = 0;
    let cancel = (): void => undefined;
    const start = now();
    const step = (): void => {
      if (i === batches.length) return sub.complete();
      sub.next(batches[i++]!);
      if (periodMs === undefined) {
        const next = setImmediate(step);
        cancel = () => clearImmediate(next);
      } else {
        const next = setTimeout(step, Math.max(0, start + i * periodMs - now()));
        cancel = () => clearTimeout(next);
      }
    };
    step();
    return () => cancel();
  });
}

async function throughput(batches: readonly EventBatch[]): Promise<{ eventsPerS: number; dropped: number }> {
  const server = await serveFeed(offered(batches), { port: 0, maxQueueBytes: 1 << 30 });
  const t0 = performance.now();
  const events = await lastValueFrom(feedSource({ host: server.host, port: server.port }).pipe(reduce((n, b) => n + b.t.length, 0)));
  const s = (performance.now() - t0) / 1000;
  const done = await server.done;
  return { eventsPerS: events / s, dropped: done.dropped.events };
}

async function latency(batches: readonly EventBatch[]): Promise<{ p50: number; p99: number; dropped: number }> {
  const server = await serveFeed(offered(batches, 1), { port: 0, clock: now });
  const ms: number[] = [];
  await lastValueFrom(feedMessages({ host: server.host, port: server.port }).pipe(
    reduce((_, m) => { if (m.kind === 'events') ms.push(now() - m.sentAtMs!); return 0; }, 0),
  ));
  const done = await server.done;
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p99: ms[Math.floor(ms.length * 0.99)]!, dropped: done.dropped.events };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const big = Array.from({ length: 200 }, (_, i) => sampleBatch(50_000, i, sensor));
const small = Array.from({ length: 2000 }, (_, i) => sampleBatch(1000, i, sensor));
await throughput(big.slice(0, 20)); // warm-up
await latency(small.slice(0, 200));
const tp = [];
const lat = [];
for (let r = 0; r < runs; r++) tp.push(await throughput(big));
for (let r = 0; r < runs; r++) lat.push(await latency(small));
const result = {
  feedLoopback: {
    runs,
    throughputEventsPerS: Math.round(median(tp.map((x) => x.eventsPerS))),
    throughputDroppedEvents: Math.max(...tp.map((x) => x.dropped)),
    latencyP50Ms: +median(lat.map((x) => x.p50)).toFixed(3),
    latencyP99Ms: +median(lat.map((x) => x.p99)).toFixed(3),
    latencyDroppedEvents: Math.max(...lat.map((x) => x.dropped)),
    perRun: { throughputMEvPerS: tp.map((x) => +(x.eventsPerS / 1e6).toFixed(2)), p50Ms: lat.map((x) => +x.p50.toFixed(3)), p99Ms: lat.map((x) => +x.p99.toFixed(3)) },
  },
};
console.log(`throughput ${(result.feedLoopback.throughputEventsPerS / 1e6).toFixed(2)} M events/s (10 M events, 50k/batch); latency at 1 M ev/s (1k/batch, 1 batch/ms): p50 ${result.feedLoopback.latencyP50Ms} ms, p99 ${result.feedLoopback.latencyP99Ms} ms (medians of ${runs})`);
console.log(JSON.stringify(result));
