import { createServer, type Socket } from 'node:net';
import { ConfigError } from '../../errors.js';
import { encodeFrame, type HelloMessage, type WireMessage } from '../../wire/index.js';

/** A server that broadcasts wire messages (predictions, monitor records) to every client. */
export interface MessageServer {
  readonly host: string;
  readonly port: number;
  /** `tcp://host:port`. */
  readonly url: string;
  /** Sends a message to every client connected now; dropped (and counted) for a client whose queue is full. */
  send(m: WireMessage): void;
  /** Clients now, messages sent (to any client) and dropped for slow clients. */
  metrics(): { readonly clients: number; readonly sent: number; readonly dropped: number };
  /** Sends `end` to every client, closes them and stops listening; resolves when all are closed. */
  close(): Promise<void>;
}

/** How long a client has to take the `end` and close before it is cut off. */
const CLOSE_GRACE_MS = 1000;

/** Options of {@link serveMessages}. */
export interface ServeMessagesOptions {
  readonly host?: string;
  /** 0: any free port. */
  readonly port: number;
  /** Sent first to each client (docs/wire.md: every connection starts with a hello). */
  readonly hello?: HelloMessage;
  /** Bytes queued per client before its messages are dropped (default 1 MiB). */
  readonly maxQueueBytes?: number;
}

/**
 * Serves a spikeguard wire feed of outputs over TCP (docs/wire.md framing): each client gets the
 * hello, then every message sent while it is connected, then `end` on close (a client that has not
 * closed a second later is cut off). Clients are never read from. A slow client never
 * holds the others back or grows memory beyond `maxQueueBytes`: messages to it are dropped and
 * counted.
 * @throws ConfigError (rejected) when the port cannot be bound.
 */
export async function serveMessages(o: ServeMessagesOptions): Promise<MessageServer> {
  const host = o.host ?? '127.0.0.1';
  const maxQueue = o.maxQueueBytes ?? 1 << 20;
  const hello = encodeFrame(o.hello ?? { kind: 'hello', version: 1, width: 1, height: 1, source: 'spikeguard outputs' });
  const clients = new Set<Socket>();
  let sent = 0;
  let dropped = 0;
  const server = createServer((socket) => {
    clients.add(socket);
    socket.on('error', () => socket.destroy()); // a client's fault ends that client only
    socket.on('close', () => clients.delete(socket));
    socket.write(hello);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new ConfigError(`cannot listen on ${host}:${o.port}: ${e.code ?? e.message}`)));
    server.listen(o.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  return {
    host, port, url: `tcp://${host}:${port}`,
    send(m) {
      if (clients.size === 0) return;
      const frame = encodeFrame(m);
      sent++;
      for (const c of clients) {
        if (c.writableLength + frame.length > maxQueue) dropped++;
        else c.write(frame);
      }
    },
    metrics: () => ({ clients: clients.size, sent, dropped }),
    async close() {
      const end = encodeFrame({ kind: 'end' });
      const closed = [...clients].map((c) => new Promise<void>((resolve) => {
        // a client that neither reads nor closes would keep the server open for ever
        const timer = setTimeout(() => c.destroy(), CLOSE_GRACE_MS);
        timer.unref();
        c.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        c.end(end);
      }));
      await Promise.all([...closed, new Promise<void>((resolve) => server.close(() => resolve()))]);
    },
  };
}
