import { lastValueFrom, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DecodeError, TruncatedInputError } from '../../../src/errors.js';
import type { Aedat4TcpMetrics } from '../../../src/sources/aedat4Net/index.js';
import type { ConnectionState } from '../../../src/sources/reconnect.js';
import { aedat4TcpSource } from '../../../src/sources/aedat4Net/index.js';
import { ConnectionError } from '../../../src/streams/ConnectionError.js';
import { backoffDelayMs } from '../../../src/sources/reconnect.js';
import { columns, deadPort, liveStream, ramp, rawServer } from './netHelpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of closers.splice(0)) await c(); });

async function serve(onSocket: Parameters<typeof rawServer>[0]): Promise<number> {
  const s = await rawServer(onSocket);
  closers.push(s.close);
  return s.port;
}

function record(port: number, extra: Partial<Parameters<typeof aedat4TcpSource>[0]> = {}) {
  const states: ConnectionState[] = [];
  const metrics: Aedat4TcpMetrics[] = [];
  const run = lastValueFrom(aedat4TcpSource({
    host: '127.0.0.1', port, onState: (s) => states.push(s), onMetrics: (m) => metrics.push(m), ...extra,
  }).pipe(toArray()));
  return { run, states, metrics };
}

describe('aedat4TcpSource', () => {
  it.each(['lz4', 'none'] as const)('decodes a live stream (%s) byte for byte, in 1-byte writes too', async (compression) => {
    const batches = [ramp(5), ramp(300, 2_000_000), ramp(1, 3_000_000)];
    const { header, packets } = liveStream(batches, compression);
    const whole = Buffer.concat([header, ...packets]);
    const port = await serve((s, i) => {
      if (i === 0) return void s.end(whole);
      for (const b of whole) s.write(Buffer.of(b)); // every chunking gives the same events
      s.end();
    });
    for (let k = 0; k < 2; k++) {
      const { run, states, metrics } = record(port);
      expect(columns(await run)).toEqual(columns(batches));
      expect(states).toEqual(['connecting', 'connected', 'closed']);
      expect(metrics.at(-1)).toMatchObject({ state: 'complete', events: 306, connections: 1, bytesRead: whole.length, dropped: {} });
    }
  });

  it('errors with a ConnectionError when nothing listens and no reconnect is configured', async () => {
    const { run, states } = record(await deadPort());
    await expect(run).rejects.toBeInstanceOf(ConnectionError);
    await expect(run).rejects.toMatchObject({ code: 'ECONNREFUSED', attempts: 1 });
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('errors with a ConnectionError (ECONNRESET) after the whole packets when the server resets: a fault, not an end', async () => {
    const batches = [ramp(10), ramp(20, 2_000_000)];
    const { header, packets } = liveStream(batches);
    const port = await serve((s) => s.write(Buffer.concat([header, ...packets]), () => setTimeout(() => s.resetAndDestroy(), 50)));
    let events = 0;
    const err = await lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port }).pipe(tap((b) => { events += b.t.length; }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'ECONNRESET', attempts: 1 });
    expect(events).toBe(30);
  });

  it('delivers the whole packets before a disconnect mid-packet, then errors with TruncatedInputError', async () => {
    const { header, packets } = liveStream([ramp(10), ramp(20, 2_000_000)]);
    const cut = packets[1]!.subarray(0, 13);
    const port = await serve((s) => s.end(Buffer.concat([header, packets[0]!, cut])));
    const run = lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port, onMetrics: () => undefined }).pipe(toArray()));
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TruncatedInputError);
    const { run: again, metrics } = record(port);
    await again.catch(() => undefined);
    expect(metrics.at(-1)).toMatchObject({ state: 'error', events: 10, dropped: { truncatedBytes: 13 } });
  });

  it('reconnects with backoff after a mid-packet disconnect and goes on with the new IOHeader', async () => {
    const a = liveStream([ramp(10), ramp(20, 2_000_000)]);
    const b = liveStream([ramp(7, 5_000_000)]);
    const port = await serve((s, i) => {
      if (i === 0) s.end(Buffer.concat([a.header, a.packets[0]!, a.packets[1]!.subarray(0, 30)]));
      else if (i === 1) s.end(Buffer.concat([b.header, ...b.packets]));
      else s.destroy();
    });
    const { run, states, metrics } = record(port, { reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxRetries: 2 } });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError); // the third and fourth connections carry nothing
    const last = metrics.at(-1)!;
    expect(last).toMatchObject({ state: 'error', events: 17, connections: 4, dropped: { truncatedBytes: 30 } });
    expect(states.slice(0, 6)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected', 'disconnected']);
    expect(states.at(-1)).toBe('closed');
  });

  it('never reconnects on garbage: the DecodeError ends the stream', async () => {
    const port = await serve((s) => s.end(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const { run, metrics } = record(port, { reconnect: { initialDelayMs: 1, maxDelayMs: 1, maxRetries: 5 } });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect(err).not.toBeInstanceOf(TruncatedInputError);
    expect(metrics.at(-1)).toMatchObject({ state: 'error', connections: 1 });
  });

  it('rejects an oversized packet Size before buffering it', async () => {
    const { header } = liveStream([]);
    const head = Buffer.alloc(8);
    head.writeInt32LE(0, 0);
    head.writeInt32LE(64 * 1024 * 1024, 4);
    const port = await serve((s) => s.write(Buffer.concat([header, head]))); // and keeps the socket open
    const err = await record(port, { maxPacketBytes: 1 << 20 }).run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).expected).toContain('a packet Size in 0..1048576');
  });

  it('rejects a bad flatbuffer inside a well-framed packet', async () => {
    const { header } = liveStream([], 'none');
    const body = Buffer.alloc(24, 0xff);
    const head = Buffer.alloc(8);
    head.writeInt32LE(body.length, 4);
    const port = await serve((s) => s.end(Buffer.concat([header, head, body])));
    const err = await record(port).run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
  });

  it('unsubscribing closes the socket and cancels a pending retry', async () => {
    let closedByClient = 0;
    const port = await serve((s) => {
      s.write(liveStream([]).header);
      s.on('close', () => closedByClient++);
    });
    const states: ConnectionState[] = [];
    const sub = aedat4TcpSource({ host: '127.0.0.1', port, onState: (s) => states.push(s) }).subscribe();
    await until(() => states.includes('connected'));
    sub.unsubscribe();
    await until(() => closedByClient === 1);
    expect(states.at(-1)).toBe('closed');

    const dead = await deadPort();
    const retryStates: ConnectionState[] = [];
    const sub2 = aedat4TcpSource({
      host: '127.0.0.1', port: dead, onState: (s) => retryStates.push(s),
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxRetries: Infinity },
    }).subscribe();
    await until(() => retryStates.includes('disconnected'));
    sub2.unsubscribe();
    expect(retryStates).toEqual(['connecting', 'disconnected', 'closed']); // no second attempt
  });

  it('computes exponential backoff capped at maxDelayMs', () => {
    const o = { initialDelayMs: 100, maxDelayMs: 1000, maxRetries: 9 };
    expect([1, 2, 3, 4, 5].map((k) => backoffDelayMs(o, k))).toEqual([100, 200, 400, 800, 1000]);
  });
});

/** Polls (real time, loopback only) until `f` holds. */
async function until(f: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(f()).toBe(true);
}
