import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';

/** What a transport reports; `closed` comes once, last, with the error that ended it if any. */
export interface TransportHandlers {
  opened(): void;
  data(chunk: Uint8Array): void;
  /** The peer broke the framing the transport itself sees (a text WebSocket message). */
  refused(expected: string, got: string): void;
  closed(code: string | undefined): void;
  /** Listening transports: the address bound. */
  listening(address: { host: string; port: number }): void;
  /** Listening transports: a second sender was turned away. */
  rejected(): void;
}

/** An open (or opening) transport; `close` destroys it without further callbacks mattering. */
export interface Transport {
  close(): void;
}

/** Wires a TCP socket to the handlers (no `opened`: the caller knows when it is connected). */
export function attachSocket(socket: Socket, h: TransportHandlers): Transport {
  let code: string | undefined;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => h.data(chunk));
  socket.on('error', (e: NodeJS.ErrnoException) => { code = e.code ?? e.message; });
  socket.on('close', () => h.closed(code));
  return { close: () => socket.destroy() };
}

/** Wires a WebSocket to the handlers: binary messages are stream chunks, text ones a refusal. */
export function attachWebSocket(ws: WebSocket, h: TransportHandlers): Transport {
  let code: string | undefined;
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) h.refused('binary WebSocket message', 'text message');
    else h.data(data as Buffer); // binaryType 'nodebuffer': always one Buffer
  });
  ws.on('error', (e: NodeJS.ErrnoException) => { code = e.code ?? e.message; });
  ws.on('close', () => h.closed(code));
  return { close: () => ws.terminate() };
}
