import { describe, expect, it } from 'vitest';
import { ConfigError, DecodeError, TruncatedInputError } from '../../../src/errors.js';
import { FeedConnectionError } from '../../../src/streams/FeedConnectionError.js';
import type { FeedMetrics } from '../../../src/sources/feed/FeedOptions.js';
import type { ConnectionState } from '../../../src/sources/reconnect.js';
import { feedMessages } from '../../../src/sources/feed/feedMessages.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { encodeFrame } from '../../../src/wire/encodeMessage.js';
import { eventsMessage } from '../../../src/wire/eventsCodec.js';
import { WIRE_VERSION } from '../../../src/wire/wireFormat.js';
import type { WireMessage } from '../../../src/wire/WireMessage.js';
import { concatBytes } from '../../helpers/bytes.js';
import { columns, rawFrame, sampleBatch } from '../../wire/wireHelpers.js';
import { closedPort, settle, tcpServer, wsServer } from './feedHelpers.js';

const sensor = { width: 346, height: 260 };
const hello: WireMessage = { kind: 'hello', version: WIRE_VERSION, ...sensor, source: 'test' };
const batches = [sampleBatch(100, 1), sampleBatch(1, 2), sampleBatch(2000, 3)];
const feedBytes = (withEnd = true): Uint8Array =>
  concatBytes([encodeFrame(hello), ...batches.map((b, i) => encodeFrame(eventsMessage(b, { seq: i }))), ...(withEnd ? [encodeFrame({ kind: 'end' })] : [])]);

describe('feedSource over TCP', () => {
  it('delivers every batch exactly, in order, split across tiny chunks', async () => {
    const bytes = feedBytes();
    const server = await tcpServer((s) => {
      for (let at = 0; at < bytes.length; at += 7) s.write(bytes.subarray(at, at + 7));
    });
    const states: ConnectionState[] = [];
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, { onState: (s) => states.push(s), onMetrics: (m) => (metrics = m) }));
    await server.close();
    expect(out.error).toBeUndefined();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
    expect(out.values.every((b) => b.width === 346 && b.height === 260)).toBe(true);
    expect(states).toEqual(['connecting', 'connected', 'closed']);
    expect(metrics).toMatchObject({
      state: 'complete', batches: 3, events: 2101, frames: 5, bytesRead: bytes.length, connections: 1,
      messages: { hello: 1, events: 3, end: 1 }, decodeErrors: 0, missedFrames: 0,
    });
  });

  it('delivers the good prefix, then a DecodeError with the offset, for garbage', async () => {
    const good = feedBytes(false);
    const server = await tcpServer((s) => s.write(concatBytes([good, Uint8Array.from([0, 0, 0, 3, 0xc1, 0xc1, 0xc1])])));
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, { onMetrics: (m) => (metrics = m) }));
    await server.close();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
    expect(out.error).toBeInstanceOf(DecodeError);
    expect(out.error).toMatchObject({ format: 'spikeguard-wire', offsetBytes: good.length });
    expect(metrics).toMatchObject({ state: 'error', decodeErrors: 1 });
  });

  it('rejects an oversized length prefix without waiting for its body', async () => {
    const server = await tcpServer((s) => s.write(concatBytes([encodeFrame(hello), Uint8Array.from([0x7f, 0xff, 0xff, 0xff])])));
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, { maxFrameBytes: 1 << 20 }));
    await server.close();
    expect(out.error).toMatchObject({ name: 'DecodeError', expected: `frame length in 1..${1 << 20}`, got: String(0x7fffffff) });
  });

  it('requires a hello first', async () => {
    const server = await tcpServer((s) => s.write(encodeFrame(eventsMessage(batches[0]!))));
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }));
    await server.close();
    expect(out.error).toMatchObject({ name: 'DecodeError', offsetBytes: 0, expected: 'a hello message first', got: 'events message' });
  });

  it('gives the good prefix, then a TruncatedInputError, when the server disconnects mid-frame', async () => {
    const good = feedBytes(false);
    const next = encodeFrame(eventsMessage(sampleBatch(50, 9), { seq: 3 }));
    const server = await tcpServer((s) => s.end(concatBytes([good, next.subarray(0, 30)])));
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, { onMetrics: (m) => (metrics = m) }));
    await server.close();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
    expect(out.error).toBeInstanceOf(TruncatedInputError);
    expect(out.error).toMatchObject({ offsetBytes: good.length, expected: `frame of ${next.length} bytes` });
    expect(metrics?.dropped).toEqual({ truncatedBytes: 30 });
  });

  it('errors with a TruncatedInputError when the server closes between frames without end', async () => {
    const server = await tcpServer((s) => s.end(feedBytes(false)));
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }));
    await server.close();
    expect(out.values).toHaveLength(3);
    expect(out.error).toMatchObject({ name: 'TruncatedInputError', expected: 'an end message' });
  });

  it('gives a FeedConnectionError when nothing listens', async () => {
    const port = await closedPort();
    const out = await settle(feedSource({ host: '127.0.0.1', port }));
    expect(out.error).toBeInstanceOf(FeedConnectionError);
    expect(out.error).toMatchObject({ code: 'ECONNREFUSED', attempts: 1 });
  });

  it('reconnects with backoff after a lost connection, counting gaps and reconnects', async () => {
    let connection = 0;
    const first = concatBytes([encodeFrame(hello), encodeFrame(eventsMessage(batches[0]!, { seq: 0 }))]);
    const second = concatBytes([encodeFrame(hello), encodeFrame(eventsMessage(batches[1]!, { seq: 5 })), encodeFrame(eventsMessage(batches[2]!, { seq: 9 })), encodeFrame({ kind: 'end' })]);
    const server = await tcpServer((s) => s.end(connection++ === 0 ? first : second));
    const states: ConnectionState[] = [];
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, {
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxRetries: 3 },
      onState: (s) => states.push(s), onMetrics: (m) => (metrics = m),
    }));
    await server.close();
    expect(out.error).toBeUndefined();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected', 'closed']);
    expect(metrics).toMatchObject({ state: 'complete', connections: 2, failures: 1, reconnects: 1, missedFrames: 3 });
  });

  it('gives up after maxRetries consecutive refusals', async () => {
    const port = await closedPort();
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port }, { reconnect: { initialDelayMs: 1, maxDelayMs: 4, maxRetries: 2 }, onMetrics: (m) => (metrics = m) }));
    expect(out.error).toMatchObject({ name: 'FeedConnectionError', code: 'ECONNREFUSED', attempts: 3 });
    expect(metrics).toMatchObject({ state: 'error', failures: 3, reconnects: 2, connections: 0 });
  });

  it('closes the socket on unsubscribe', async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((r) => (closed = r));
    const server = await tcpServer((s) => {
      s.write(concatBytes([encodeFrame(hello), encodeFrame(eventsMessage(batches[0]!))]));
      s.on('close', () => closed());
    });
    const sub = feedSource({ host: '127.0.0.1', port: server.port }).subscribe((b) => {
      expect(b.t.length).toBe(100);
      sub.unsubscribe();
    });
    await socketClosed;
    await server.close();
  });

  it('checks targets and options at call time', () => {
    expect(() => feedSource({ host: '127.0.0.1', port: 70_000 })).toThrow(ConfigError);
    expect(() => feedSource({ host: '127.0.0.1', port: 0 })).toThrow(/port other than 0/);
    expect(() => feedSource({ url: 'http://x' })).toThrow(/ws:\/\//);
    expect(() => feedSource({ listen: { port: 0 } }, { reconnect: { initialDelayMs: 1, maxDelayMs: 1, maxRetries: 1 } })).toThrow(/client targets/);
    expect(() => feedSource({ host: 'h', port: 1 }, { reconnect: { initialDelayMs: 10, maxDelayMs: 1, maxRetries: 1 } })).toThrow(/maxDelayMs/);
    expect(() => feedSource({ host: 'h', port: 1 }, { maxFrameBytes: 0 })).toThrow(/maxFrameBytes/);
  });
});

describe('feedSource over WebSocket', () => {
  it('reads the same stream from binary messages, one frame each', async () => {
    const frames = [encodeFrame(hello), ...batches.map((b, i) => encodeFrame(eventsMessage(b, { seq: i }))), encodeFrame({ kind: 'end' })];
    const server = await wsServer((ws) => frames.forEach((f) => ws.send(f)));
    const out = await settle(feedSource({ url: server.url }));
    await server.close();
    expect(out.error).toBeUndefined();
    expect(out.values.map(columns)).toEqual(batches.map(columns));
  });

  it('refuses a text message with a DecodeError after the good prefix', async () => {
    const server = await wsServer((ws) => {
      ws.send(encodeFrame(hello));
      ws.send(encodeFrame(eventsMessage(batches[0]!)));
      ws.send('hello?');
    });
    const out = await settle(feedSource({ url: server.url }));
    await server.close();
    expect(out.values).toHaveLength(1);
    expect(out.error).toMatchObject({ name: 'DecodeError', expected: 'binary WebSocket message', got: 'text message' });
  });
});

describe('feedMessages', () => {
  it('delivers every kind, hello and end included', async () => {
    const messages: WireMessage[] = [
      hello,
      { kind: 'spikes', shape: [1, 2, 2, 2], data: new Float32Array(8).fill(1) },
      { kind: 'prediction', scores: Float32Array.from([0.1, 0.9]), startUs: 0, endUs: 10_000 },
      { kind: 'audit', record: { attack: 'pgd', accuracy: 0.42 } },
      { kind: 'end' },
    ];
    const server = await tcpServer((s) => s.write(concatBytes(messages.map((m) => encodeFrame(m)))));
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedMessages({ host: '127.0.0.1', port: server.port }, { onMetrics: (m) => (metrics = m) }));
    await server.close();
    expect(out.values).toEqual(messages);
    expect(metrics?.messages).toEqual({ hello: 1, spikes: 1, prediction: 1, audit: 1, end: 1 });
  });

  it('counts non-event kinds that feedSource leaves out', async () => {
    const server = await tcpServer((s) => s.write(concatBytes([encodeFrame(hello), rawFrame({ kind: 'audit', record: { a: 1 } }), encodeFrame({ kind: 'end' })])));
    let metrics: FeedMetrics | undefined;
    const out = await settle(feedSource({ host: '127.0.0.1', port: server.port }, { onMetrics: (m) => (metrics = m) }));
    await server.close();
    expect(out).toEqual({ values: [] });
    expect(metrics?.messages).toEqual({ hello: 1, audit: 1, end: 1 });
  });
});
