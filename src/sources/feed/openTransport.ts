import { type Server, type Socket, connect, createServer } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FRAME_PREFIX_BYTES } from '../../wire/wireFormat.js';
import type { FeedTarget } from './FeedTarget.js';
import { type Transport, type TransportHandlers, attachSocket, attachWebSocket } from './transport.js';

/**
 * Opens the transport of a target: connects as a TCP or WebSocket client, or listens and takes
 * the first sender (later ones are turned away while it is connected). WebSocket messages are
 * limited to one frame's bytes, so ws never buffers more than the frame bound.
 */
export function openTransport(target: FeedTarget, maxFrameBytes: number, h: TransportHandlers): Transport {
  const maxPayload = maxFrameBytes + FRAME_PREFIX_BYTES;
  if ('url' in target) {
    const ws = new WebSocket(target.url, { maxPayload });
    ws.on('open', () => h.opened());
    return attachWebSocket(ws, h);
  }
  if ('listen' in target) return listen(target.listen, maxPayload, h);
  const socket = connect({ host: target.host, port: target.port });
  socket.on('connect', () => h.opened());
  return attachSocket(socket, h);
}

type ListenSpec = Extract<FeedTarget, { listen: unknown }>['listen'];

function listen(spec: ListenSpec, maxPayload: number, h: TransportHandlers): Transport {
  const host = spec.host ?? '127.0.0.1';
  let sender: Transport | null = null;
  const take = (open: () => Transport, refuse: () => void): void => {
    if (sender !== null) { refuse(); h.rejected(); return; }
    sender = open();
    h.opened();
  };
  const failed = (e: NodeJS.ErrnoException): void => h.closed(e.code ?? e.message);
  if (spec.transport === 'ws') {
    const server = new WebSocketServer({ host, port: spec.port, maxPayload });
    server.on('listening', () => h.listening(addressOf(server.address(), host)));
    server.on('error', failed);
    server.on('connection', (ws: WebSocket) => take(() => attachWebSocket(ws, h), () => ws.terminate()));
    return { close: () => { sender?.close(); server.close(); } };
  }
  const server: Server = createServer((socket: Socket) => take(() => attachSocket(socket, h), () => socket.destroy()));
  server.on('listening', () => h.listening(addressOf(server.address(), host)));
  server.on('error', failed);
  server.listen(spec.port, host);
  return { close: () => { sender?.close(); server.close(); } };
}

function addressOf(a: ReturnType<Server['address']>, host: string): { host: string; port: number } {
  return typeof a === 'object' && a !== null ? { host: a.address, port: a.port } : { host, port: 0 };
}
