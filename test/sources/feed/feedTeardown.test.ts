import { spawn } from 'node:child_process';
import { type Socket, connect, createServer } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { FeedTarget } from '../../../src/sources/feed/FeedTarget.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { encodeFrame } from '../../../src/wire/encodeMessage.js';
import { WIRE_VERSION } from '../../../src/wire/wireFormat.js';
import { concatBytes } from '../../helpers/bytes.js';
import { REPO_ROOT } from '../../helpers/samples.js';
import { settle } from './feedHelpers.js';
import { canBind } from '../../helpers/ports.js';

type Transport = 'tcp' | 'ws';
const helloFrame = encodeFrame({ kind: 'hello', version: WIRE_VERSION, width: 8, height: 8 });

/** Connects a sender, writes `bytes`, then drops the connection (without `end` unless in `bytes`). */
async function sendAndDrop(transport: Transport, port: number, bytes: Uint8Array = helloFrame): Promise<void> {
  if (transport === 'ws') {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise<void>((r, j) => { ws.once('open', () => r()); ws.once('error', j); });
    ws.send(bytes, { binary: true }, () => ws.terminate());
    return;
  }
  const s: Socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((r, j) => { s.once('connect', () => r()); s.once('error', j); });
  s.write(bytes, () => s.destroy());
}

/** Subscribes a listening feed; resolves its port and how it ended. */
function listening(listen: Extract<FeedTarget, { listen: unknown }>['listen']): { port: Promise<number>; result: ReturnType<typeof settle> } {
  let bound!: (port: number) => void;
  const port = new Promise<number>((r) => (bound = r));
  return { port, result: settle(feedSource({ listen }, { onListening: (a) => bound(a.port) })) };
}

describe.each(['tcp', 'ws'] as const)('feedSource listening over %s: teardown', (transport) => {
  it('frees the port when the sender drops without end', async () => {
    const rx = listening({ port: 0, transport });
    const port = await rx.port;
    await sendAndDrop(transport, port);
    expect((await rx.result).error).toMatchObject({ name: 'TruncatedInputError' });
    expect(await canBind(port)).toBe(true);
  });

  it.each([
    ['completes (end)', concatBytes([helloFrame, encodeFrame({ kind: 'end' })]), undefined],
    ['errors on a protocol fault', Uint8Array.from([0, 0, 0, 3, 0xc1, 0xc1, 0xc1]), 'DecodeError'],
  ])('frees the port when the stream %s', async (_what, bytes, errorName) => {
    const rx = listening({ port: 0, transport });
    const port = await rx.port;
    await sendAndDrop(transport, port, bytes);
    const out = await rx.result;
    expect((out.error as Error | undefined)?.name).toBe(errorName);
    expect(await canBind(port)).toBe(true);
  });

  it('frees the port on unsubscribe while a sender is connected', async () => {
    let bound!: (port: number) => void;
    let connected!: () => void;
    const portP = new Promise<number>((r) => (bound = r));
    const senderIn = new Promise<void>((r) => (connected = r));
    const sub = feedSource({ listen: { port: 0, transport } }, {
      onListening: (a) => bound(a.port), onState: (s) => { if (s === 'connected') connected(); },
    }).subscribe({ error: () => undefined });
    const port = await portP;
    const sender = transport === 'ws' ? new WebSocket(`ws://127.0.0.1:${port}`) : connect({ host: '127.0.0.1', port });
    sender.on('error', () => undefined);
    await senderIn;
    sub.unsubscribe();
    expect(await canBind(port)).toBe(true);
    if (sender instanceof WebSocket) sender.terminate();
    else sender.destroy();
  });

  it('frees the port on unsubscribe before any sender', async () => {
    let bound!: (port: number) => void;
    const portP = new Promise<number>((r) => (bound = r));
    const sub = feedSource({ listen: { port: 0, transport } }, { onListening: (a) => bound(a.port) }).subscribe();
    const port = await portP;
    sub.unsubscribe();
    expect(await canBind(port)).toBe(true);
  });

  it('errors with FeedConnectionError, holding nothing, when the port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    const out = await settle(feedSource({ listen: { port, transport } }));
    await new Promise<void>((r) => holder.close(() => r()));
    expect(out.error).toMatchObject({ name: 'FeedConnectionError', code: 'EADDRINUSE' });
    expect(await canBind(port)).toBe(true);
  });

  it('lets the process exit by itself once the stream ended', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'sources', 'feed', 'listenOnce.ts'), transport], { cwd: REPO_ROOT });
    let out = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const port = await new Promise<number>((r, j) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /port (\d+)/.exec(out);
        if (m) r(Number(m[1]));
      });
      child.once('exit', () => j(new Error(`child exited early: ${out}`)));
    });
    await sendAndDrop(transport, port);
    const timer = setTimeout(() => child.kill(), 15_000); // a hung child is the failure under test
    const code = await exited;
    clearTimeout(timer);
    expect(out).toMatch(/error TruncatedInputError/);
    expect(code).toBe(0);
  });
});
