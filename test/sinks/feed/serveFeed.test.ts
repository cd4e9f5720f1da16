import { connect } from 'node:net';
import { Observable, concatMap, delay, finalize, from, of, tap, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import type { EventBatch } from '../../../src/events/EventBatch.js';
import { serveFeed } from '../../../src/sinks/feed/serveFeed.js';
import type { FeedMetrics } from '../../../src/sources/feed/FeedOptions.js';
import { feedMessages } from '../../../src/sources/feed/feedMessages.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { FrameDecoder } from '../../../src/wire/FrameDecoder.js';
import type { WireMessage } from '../../../src/wire/WireMessage.js';
import { settle } from '../../sources/feed/feedHelpers.js';
import { columns, sampleBatch } from '../../wire/wireHelpers.js';

const batches = Array.from({ length: 20 }, (_, i) => sampleBatch(50 + i * 37, i + 1));

describe('serveFeed', () => {
  it.each(['tcp', 'ws'] as const)('round-trips batches exactly over %s', async (transport) => {
    const server = await serveFeed(from(batches), { port: 0, transport, sourceName: 'sim' });
    const target = transport === 'ws' ? { url: server.url } : { host: server.host, port: server.port };
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource(target, { onMetrics: (m) => (metrics = m) }));
    const done = await server.done;
    expect(out.error).toBeUndefined();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
    expect(metrics).toMatchObject({ state: 'complete', batches: 20, missedFrames: 0 });
    expect(done).toMatchObject({ state: 'complete', batches: 20, frames: 20, clientsAccepted: 1, dropped: { frames: 0, events: 0, bytes: 0 } });
  });

  it('splits large batches, announces the sensor and stamps send times', async () => {
    const big = sampleBatch(1000, 4, { width: 640, height: 480 });
    const server = await serveFeed(of(big), { port: 0, maxEventsPerFrame: 300, clock: () => 42.5, sourceName: 'cam' });
    const out = await settle(feedMessages({ host: server.host, port: server.port }));
    await server.done;
    expect(out.values[0]).toEqual({ kind: 'hello', version: 1, width: 640, height: 480, source: 'cam' });
    const events = out.values.filter((m): m is Extract<WireMessage, { kind: 'events' }> => m.kind === 'events');
    expect(events.map((m) => [m.t.length, m.seq, m.sentAtMs])).toEqual([[300, 0, 42.5], [300, 1, 42.5], [300, 2, 42.5], [100, 3, 42.5]]);
    expect(out.values.at(-1)).toEqual({ kind: 'end' });
  });

  it('waits for minClients and serves them all the same feed', async () => {
    const server = await serveFeed(from(batches), { port: 0, minClients: 2 });
    const a = settle(feedSource({ host: server.host, port: server.port }));
    expect(server.metrics().state).toBe('waiting');
    const b = settle(feedSource({ host: server.host, port: server.port }));
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.values.map(columns)).toEqual(batches.map(columns));
    expect(rb.values.map(columns)).toEqual(batches.map(columns));
    expect((await server.done).clientsAccepted).toBe(2);
  });

  it('drops the oldest frames for slow clients, bounded and counted, visible as seq gaps', async () => {
    const bound = { maxQueueBytes: 256 * 1024, maxInflightBytes: 64 * 1024 };
    const heavy = Array.from({ length: 500 }, (_, i) => sampleBatch(6000, i)); // ~45 MB of frames
    let sourceDone!: () => void;
    const produced = new Promise<void>((r) => (sourceDone = r));
    let peakQueued = 0;
    const paced = from(heavy).pipe(
      concatMap((b) => of(b).pipe(delay(0))),
      tap(() => { peakQueued = Math.max(peakQueued, ...server.metrics().clients.map((c) => c.queuedBytes)); }),
      finalize(() => sourceDone()),
    );
    const server = await serveFeed(paced, { port: 0, minClients: 2, ...bound });
    const slow = connect({ host: server.host, port: server.port });
    slow.pause(); // reads nothing until the source has finished
    let fastMetrics: FeedMetrics | undefined;
    const fast = settle(feedSource({ host: server.host, port: server.port }, { onMetrics: (m) => (fastMetrics = m) }));
    await produced;
    const atEnd = server.metrics();
    const slowDecoder = new FrameDecoder();
    const slowMessages: WireMessage[] = [];
    const slowClosed = new Promise<void>((r) => slow.on('close', () => r()));
    slow.on('data', (chunk: Buffer) => slowMessages.push(...slowDecoder.push(chunk).messages));
    slow.resume();
    await slowClosed;
    const fastOut = await fast;
    const done = await server.done;

    expect(peakQueued).toBeLessThanOrEqual(bound.maxQueueBytes);
    expect(done.dropped.frames).toBeGreaterThan(0);
    const slowClient = atEnd.clients.find((c) => c.droppedFrames > 0)!;
    const slowEvents = slowMessages.filter((m): m is Extract<WireMessage, { kind: 'events' }> => m.kind === 'events');
    const seqs = slowEvents.map((m) => m.seq!);
    const gaps = seqs.reduce((g, s, i) => g + (i > 0 ? s - seqs[i - 1]! - 1 : s), 0) + (499 - seqs.at(-1)!);
    expect(slowMessages[0]?.kind).toBe('hello');
    expect(slowMessages.at(-1)?.kind).toBe('end');
    expect(slowEvents.length + slowClient.droppedFrames).toBe(500);
    expect(gaps).toBe(slowClient.droppedFrames);
    expect(slowEvents.every((m) => columns({ ...m, width: 0, height: 0 }).t[0] === heavy[m.seq!]!.t[0])).toBe(true);
    // The fast client lost only what its own queue shed, and saw exactly that as gaps.
    expect(fastOut.error).toBeUndefined();
    expect(fastOut.values.length + fastMetrics!.missedFrames).toBe(500);
    expect(done.dropped.frames).toBe(slowClient.droppedFrames + fastMetrics!.missedFrames);
  });

  it('rejects done and closes clients without end when the source errors', async () => {
    const failing = new Observable<EventBatch>((sub) => {
      sub.next(batches[0]!);
      setTimeout(() => sub.error(new Error('camera unplugged')), 20);
    });
    const server = await serveFeed(failing, { port: 0 });
    const out = await settle(feedSource({ host: server.host, port: server.port }));
    await expect(server.done).rejects.toThrow('camera unplugged');
    expect(out.values).toHaveLength(1);
    expect(out.error).toMatchObject({ name: 'TruncatedInputError', expected: 'an end message' });
  });

  it('errors on a batch of another sensor size', async () => {
    const server = await serveFeed(from([batches[0]!, sampleBatch(3, 1, { width: 10, height: 10 })]), { port: 0 });
    const out = await settle(feedSource({ host: server.host, port: server.port }));
    await expect(server.done).rejects.toThrow(ConfigError);
    expect(out.error).toBeDefined();
  });

  it('close() ends the feed without end and stops listening', async () => {
    const server = await serveFeed(new Observable<EventBatch>((sub) => sub.next(batches[0]!)), { port: 0 });
    const out = settle(feedSource({ host: server.host, port: server.port }));
    await new Promise((r) => setTimeout(r, 20));
    const m = await server.close();
    expect(m.state).toBe('closed');
    expect((await out).error).toBeDefined();
    const refused = await settle(feedSource({ host: server.host, port: server.port }));
    expect(refused.error).toMatchObject({ name: 'FeedConnectionError', code: 'ECONNREFUSED' });
  });

  it('rejects bad options and a busy port', async () => {
    await expect(serveFeed(from(batches), { port: -1 })).rejects.toThrow(ConfigError);
    await expect(serveFeed(from(batches), { port: 0, maxQueueBytes: 0 })).rejects.toThrow(/maxQueueBytes/);
    const first = await serveFeed(throwError(() => new Error('unused')), { port: 0, minClients: 5 });
    await expect(serveFeed(from(batches), { port: first.port })).rejects.toMatchObject({ name: 'FeedConnectionError', code: 'EADDRINUSE' });
    await first.close();
  });
});
