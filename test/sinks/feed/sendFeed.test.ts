import { firstValueFrom, from, lastValueFrom, NEVER, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import type { EventBatch } from '../../../src/events/EventBatch.js';
import { sendFeed } from '../../../src/sinks/feed/sendFeed.js';
import type { FeedMetrics } from '../../../src/sources/feed/FeedOptions.js';
import type { FeedTarget } from '../../../src/sources/feed/FeedTarget.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { closedPort, settle } from '../../sources/feed/feedHelpers.js';
import { columns, sampleBatch } from '../../wire/wireHelpers.js';

const batches = Array.from({ length: 12 }, (_, i) => sampleBatch(10 + i * 91, i + 1));

/** A listening feedSource: resolves its port, and what it received once it ended. */
function receiver(listen: Extract<FeedTarget, { listen: unknown }>['listen']): { port: Promise<number>; result: ReturnType<typeof settle<EventBatch>> } {
  let bound!: (port: number) => void;
  const port = new Promise<number>((r) => (bound = r));
  const result = settle(feedSource({ listen }, { onListening: (a) => bound(a.port) }));
  return { port, result };
}

describe('sendFeed to feedSource({ listen })', () => {
  it.each(['tcp', 'ws'] as const)('pushes batches exactly over %s', async (transport) => {
    const rx = receiver({ port: 0, transport });
    const port = await rx.port;
    const target = transport === 'ws' ? { url: `ws://127.0.0.1:${port}` } : { host: '127.0.0.1', port };
    const sent = await lastValueFrom(sendFeed(from(batches), target, { sourceName: 'push' }));
    const got = await rx.result;
    expect(got.error).toBeUndefined();
    expect(got.values.map(columns)).toEqual(batches.map(columns));
    expect(sent).toMatchObject({ batches: 12, frames: 12, droppedFrames: 0, framesSent: 14, queuedBytes: 0 });
    expect(sent.events).toBe(batches.reduce((n, b) => n + b.t.length, 0));
  });

  it('turns away a second sender while one is connected, and counts it', async () => {
    let metrics: FeedMetrics | undefined;
    let bound!: (port: number) => void;
    let connected!: () => void;
    const port = new Promise<number>((r) => (bound = r));
    const firstIn = new Promise<void>((r) => (connected = r));
    const result = settle(feedSource({ listen: { port: 0 } }, {
      onListening: (a) => bound(a.port), onMetrics: (m) => (metrics = m), onState: (s) => { if (s === 'connected') connected(); },
    }));
    // The first sender holds the connection open (its source never ends) until the second was refused.
    const first = sendFeed(NEVER as Observable<EventBatch>, { host: '127.0.0.1', port: await port }, { sensor: { width: 8, height: 8 } }).subscribe({ error: () => undefined });
    await firstIn;
    const second = await settle(sendFeed(from(batches), { host: '127.0.0.1', port: await port }));
    first.unsubscribe();
    expect(second.error).toMatchObject({ name: 'FeedConnectionError' });
    expect((await result).error).toBeDefined(); // the first sender left without end
    expect(metrics?.dropped['rejectedSenders']).toBe(1);
  });

  it('errors with a FeedConnectionError when no receiver listens', async () => {
    const port = await closedPort();
    const out = await settle(sendFeed(from(batches), { host: '127.0.0.1', port }));
    expect(out.error).toMatchObject({ name: 'FeedConnectionError', code: 'ECONNREFUSED' });
  });

  it('errors when the source ends before any batch without a sensor', async () => {
    const rx = receiver({ port: 0 });
    const out = await settle(sendFeed(from([] as EventBatch[]), { host: '127.0.0.1', port: await rx.port }));
    expect(out.error).toBeInstanceOf(ConfigError);
    await rx.result;
  });

  it('sends hello and end for an empty source when the sensor is given', async () => {
    const rx = receiver({ port: 0 });
    const sent = await firstValueFrom(sendFeed(from([] as EventBatch[]), { host: '127.0.0.1', port: await rx.port }, { sensor: { width: 4, height: 4 } }));
    expect(sent.framesSent).toBe(2);
    expect(await rx.result).toEqual({ values: [] });
  });
});
