import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A byte pipe to one peer: TCP socket or WebSocket (one frame per binary message). */
export interface FrameChannel {
  /** Writes a frame; `flushed` runs once it left user space (or failed). */
  write(bytes: Uint8Array, flushed: () => void): void;
  /** Closes after what was written. */
  end(): void;
  /** Closes at once. */
  destroy(): void;
  /** Runs once when the channel closed, for any reason; `code` names an error if one ended it. */
  onClose(f: (code: string | undefined) => void): void;
  /** The peer's address, for metrics. */
  readonly remote: string;
}

/** A TCP socket as a {@link FrameChannel}. Incoming bytes are discarded (a feed is one-way). */
export function socketChannel(socket: Socket): FrameChannel {
  let code: string | undefined;
  socket.setNoDelay(true);
  socket.on('error', (e: NodeJS.ErrnoException) => { code = e.code ?? e.message; });
  socket.on('data', () => undefined);
  return {
    write: (bytes, flushed) => { socket.write(bytes, () => flushed()); },
    end: () => { socket.end(); },
    destroy: () => { socket.destroy(); },
    onClose: (f) => { socket.on('close', () => f(code)); },
    remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
  };
}

/** A WebSocket as a {@link FrameChannel}: each frame is one binary message. */
export function webSocketChannel(ws: WebSocket, remote: string): FrameChannel {
  let code: string | undefined;
  ws.on('error', (e: NodeJS.ErrnoException) => { code = e.code ?? e.message; });
  return {
    write: (bytes, flushed) => { ws.send(bytes, { binary: true }, () => flushed()); },
    end: () => { ws.close(1000); },
    destroy: () => { ws.terminate(); },
    onClose: (f) => { ws.on('close', () => f(code)); },
    remote,
  };
}
