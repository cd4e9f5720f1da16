import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { type Observable, toArray, lastValueFrom } from 'rxjs';
import { type EventBatch } from '../../../src/events/EventBatch.js';
import { concatBatches } from '../../../src/events/concatBatches.js';

/** A loopback TCP server running `script` on every connection. */
export async function tcpServer(script: (s: Socket) => void): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    script(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port, server,
    close: () => new Promise<void>((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }),
  };
}

/** A loopback WebSocket server running `script` on every connection. */
export async function wsServer(script: (ws: WebSocket) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', script);
  await new Promise<void>((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { server.clients.forEach((c) => c.terminate()); server.close(() => r()); }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await tcpServer(() => undefined);
  await s.close();
  return s.port;
}

/** Everything a stream gave: values, then its error (or none on completion). */
export function settle<T>(src: Observable<T>): Promise<{ values: T[]; error?: unknown }> {
  return new Promise((done) => {
    const values: T[] = [];
    src.subscribe({ next: (v) => values.push(v), error: (error: unknown) => done({ values, error }), complete: () => done({ values }) });
  });
}

/** All batches of a finite stream, joined. */
export async function allEvents(src: Observable<EventBatch>): Promise<EventBatch> {
  return concatBatches(await lastValueFrom(src.pipe(toArray())));
}
