import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import { type WebSocket, WebSocketServer } from 'ws';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { FeedConnectionError } from '../../streams/FeedConnectionError.js';
import { FeedBroadcast } from './FeedBroadcast.js';
import { type FrameChannel, socketChannel, webSocketChannel } from './FrameChannel.js';
import { DEFAULT_PEER_BOUNDS, type FeedServer, type ServeFeedMetrics, type ServeFeedOptions } from './ServeFeedOptions.js';

/**
 * Serves a stream of event batches to every client that connects, in the spikeguard wire format
 * (docs/wire.md): `hello`, then one `events` frame per batch (split above `maxEventsPerFrame`),
 * then `end` when the source completes. Over TCP the frames form one length-prefixed stream;
 * over WebSocket (`transport: 'ws'`) each frame is one binary message.
 *
 * - **Hot**: the source is subscribed once, when `minClients` (default 1) are connected; a later
 *   client gets the hello and the frames from then on (its first `seq` is not 0).
 * - **Slow clients never grow memory without bound**: each has a queue of at most
 *   `maxQueueBytes` (default 16 MiB) behind `maxInflightBytes` (1 MiB) handed to its socket; when
 *   full, its oldest events frames are dropped — the others are not held back. Drops are counted
 *   per client (`metrics().clients`, totals in `dropped`) and visible to the client as `seq` gaps.
 *
 * @returns once listening.
 * @throws ConfigError (rejected) on bad options; FeedConnectionError when the port cannot be bound.
 * @example
 * const server = await serveFeed(simulatedCamera({ width: 34, height: 34, durationUs: Infinity, pace: { speed: 1 } }),
 *   { port: 7777, host: '0.0.0.0' });
 * feedSource({ host: 'camera-pc', port: 7777 }).subscribe(…);   // elsewhere
 */
export async function serveFeed(batches$: Observable<EventBatch>, opts: ServeFeedOptions): Promise<FeedServer> {
  checkServeOptions(opts);
  const host = opts.host ?? '127.0.0.1';
  const transport = opts.transport ?? 'tcp';
  const bounds = { maxQueueBytes: opts.maxQueueBytes ?? DEFAULT_PEER_BOUNDS.maxQueueBytes, maxInflightBytes: opts.maxInflightBytes ?? DEFAULT_PEER_BOUNDS.maxInflightBytes };
  const listener = transport === 'ws' ? new WebSocketServer({ host, port: opts.port, maxPayload: 1024 }) : createServer();
  const port = await listening(listener, host, opts.port, transport);
  let settle: (outcome: { error: unknown } | null) => void = () => undefined;
  const outcome = new Promise<{ error: unknown } | null>((resolve) => { settle = resolve; });
  const broadcast = new FeedBroadcast(batches$, opts, bounds, () => listener.close(), (o) => settle(o));
  onClient(listener, (channel) => broadcast.accept(channel));
  const done = outcome.then((o): ServeFeedMetrics => {
    if (o !== null) throw o.error;
    return broadcast.metrics();
  });
  done.catch(() => undefined); // the error is the caller's through `done`; never an unhandled rejection
  broadcast.start();
  return {
    host, port, transport, url: `${transport}://${host}:${port}`,
    metrics: () => broadcast.metrics(),
    done,
    close: async () => {
      broadcast.close();
      await outcome;
      return broadcast.metrics();
    },
  };
}

function listening(listener: Server | WebSocketServer, host: string, port: number, transport: string): Promise<number> {
  return new Promise((resolve, reject) => {
    listener.on('error', (e: NodeJS.ErrnoException) => reject(new FeedConnectionError(`listen ${transport}://${host}:${port}`, e.code ?? e.message, 1)));
    listener.once('listening', () => resolve((listener.address() as AddressInfo).port));
    if (!(listener instanceof WebSocketServer)) listener.listen(port, host);
  });
}

function onClient(listener: Server | WebSocketServer, accept: (c: FrameChannel) => void): void {
  if (listener instanceof WebSocketServer) {
    listener.on('connection', (ws: WebSocket, req: IncomingMessage) => accept(webSocketChannel(ws, `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`)));
  } else {
    listener.on('connection', (socket: Socket) => accept(socketChannel(socket)));
  }
}

function checkServeOptions(o: ServeFeedOptions): void {
  const bad = (what: string, v: unknown): never => {
    throw new ConfigError(`serveFeed: ${what}, got ${String(v)}`);
  };
  if (!(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65_535)) bad('port must be an integer in 0-65535', o.port);
  const min = o.minClients ?? 1;
  if (!(Number.isInteger(min) && min >= 0)) bad('minClients must be an integer >= 0', min);
  for (const k of ['maxQueueBytes', 'maxInflightBytes'] as const) {
    const v = o[k] ?? 1;
    if (!(Number.isInteger(v) && v >= 1)) bad(`${k} must be an integer >= 1`, v);
  }
}
