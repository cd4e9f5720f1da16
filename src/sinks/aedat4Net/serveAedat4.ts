import { type Socket, createServer } from 'node:net';
import type { Observable, Subscription } from 'rxjs';
import { createAedat4Writer } from '../../aedat/aedat4/Aedat4Writer.js';
import { AEDAT4_MAGIC } from '../../aedat/aedat4/ioHeader.js';
import { nativeZstdCompressor } from '../../aedat/node/nativeCompressors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { createValve } from '../../streams/flow/Valve.js';
import { callSafely } from '../../streams/safeCallback.js';
import { ClientSet } from './ClientSet.js';
import type { ServeOptions, ServerMetrics } from './ServeOptions.js';
import { fileReplay, sensorOfFile } from './fileInput.js';

/** A failed server resets each client this long after its last bytes went out (see ClientSet.resetAll)… */
const RESET_LINGER_MS = 200;
/** …or this long after the failure for a client that does not read. */
const RESET_GRACE_MS = 2000;

/** A running {@link serveAedat4} server. */
export interface Aedat4Server {
  readonly host: string;
  readonly port: number;
  /** Resolves with the final metrics when serving ended (input finished, or `close()`); rejects on an input error. */
  readonly done: Promise<ServerMetrics>;
  /** Stops the input and closes every connection and the listener. */
  close(): Promise<ServerMetrics>;
  metrics(): ServerMetrics;
}

/**
 * Serves event batches, or a recording, as a live AEDAT 4.0 network stream in the framing of
 * iniVation DV / dv-processing's `NetworkWriter` (see `aedat4TcpSource` for the byte layout): a
 * stand-in camera. Each client receives the size-prefixed IOHeader, then every packet sent while
 * it is connected (all clients get the same packets). The input is subscribed when the first
 * client connects; when it ends, the connections are closed after their queued bytes and the
 * listener stops (a file with `loop` never ends). When the input fails, the connections are reset
 * (TCP RST) instead, so that clients see a fault, not an end (the framing has no error message).
 * Slow clients: see {@link ServeOptions.slowClient}.
 *
 * @throws ConfigError on bad options (or a missing sensor size for batch input); the file's
 *   DecodeError or fs error when its size cannot be read; the listen error (EADDRINUSE, …).
 * @example
 * const server = await serveAedat4('rec.aedat4', { port: 7777, speed: 1 });
 * await server.done;
 */
export async function serveAedat4(input: string | Observable<EventBatch>, opts: ServeOptions = {}): Promise<Aedat4Server> {
  const valve = opts.valve ?? createValve();
  const fromFile = typeof input === 'string';
  const sensor = fromFile ? await sensorOfFile(input, opts.decoder) : sensorOption(opts);
  const batches$ = fromFile
    ? fileReplay(input, { speed: opts.speed ?? 1, loop: opts.loop ?? false, decoder: opts.decoder ?? {}, valve })
    : input;
  const packetEvents = opts.packetEvents ?? 4096;
  const compressor = opts.compression === 'zstd' ? nativeZstdCompressor() : undefined;
  if (compressor === null) throw new ConfigError('zstd needs the optional zstd-napi package');
  const writer = createAedat4Writer({
    ...sensor, compression: opts.compression ?? 'lz4', packetEvents, dataTable: false,
    source: opts.cameraName ?? 'spikeguard', ...(compressor ? { compressor } : {}),
  });
  const header = writer.start().subarray(AEDAT4_MAGIC.length); // a network stream has no magic
  const clients = new ClientSet(header, {
    bufferBytes: opts.clientBufferBytes ?? 8 * 1024 * 1024,
    slowClient: opts.slowClient ?? 'drop',
    ...((fromFile && opts.speed === 'max') || opts.valve ? { valve } : {}),
  });
  const counts = { batches: 0, events: 0, packets: 0, refused: 0 };
  let state: ServerMetrics['state'] = 'waiting';
  let replay: Subscription | null = null;
  const metrics = (): ServerMetrics => ({
    state, clients: clients.size, clientsServed: clients.served, ...counts, dropped: { ...clients.dropped },
  });
  /** A throwing `onMetrics` ends serving with its error (it must not escape into a socket handler). */
  const callOnMetrics = (): unknown => callSafely(() => opts.onMetrics?.(metrics()));
  const report = (): void => {
    const thrown = callOnMetrics();
    if (thrown !== undefined) void stop('error', thrown);
  };

  const server = createServer();
  let settle: { resolve: (m: ServerMetrics) => void; reject: (e: unknown) => void };
  const done = new Promise<ServerMetrics>((resolve, reject) => { settle = { resolve, reject }; });
  done.catch(() => undefined); // the caller may only use close()

  function send(b: EventBatch): void {
    const n = b.t.length;
    const packets = [...writer.write(b), ...writer.flush()];
    counts.batches++;
    counts.events += n;
    packets.forEach((p, i) => clients.broadcast(p, i < packets.length - 1 ? packetEvents : n - packetEvents * i));
    counts.packets += packets.length;
  }

  /** Ends serving once (never rejects: the outcome goes to `done`). */
  async function stop(final: 'complete' | 'error' | 'closed', err?: unknown): Promise<void> {
    if (state === 'complete' || state === 'error' || state === 'closed') return;
    state = final;
    replay?.unsubscribe();
    const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (final === 'closed') clients.destroyAll();
    await (final === 'error' ? clients.resetAll(RESET_LINGER_MS, RESET_GRACE_MS) : clients.endAll());
    await listenerClosed;
    const thrown = callOnMetrics();
    if (final === 'error') settle.reject(err);
    else if (thrown !== undefined) settle.reject(thrown);
    else settle.resolve(metrics());
  }

  function onConnection(socket: Socket): void {
    if (state !== 'waiting' && state !== 'serving') return void socket.destroy();
    if (clients.size >= (opts.maxClients ?? 10)) {
      counts.refused++;
      return void socket.destroy();
    }
    clients.add(socket, report);
    if (state === 'serving') return;
    state = 'serving';
    replay = batches$.subscribe({
      next: (b) => {
        try {
          send(b);
        } catch (e) {
          void stop('error', e); // events outside the declared sensor
        }
      },
      error: (e) => void stop('error', e),
      complete: () => void stop('complete'),
    });
  }

  server.on('connection', onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port ?? 0;
  const close = async (): Promise<ServerMetrics> => {
    await stop('closed');
    return done;
  };
  return { host: opts.host ?? '127.0.0.1', port, done, close, metrics };
}

function sensorOption(o: ServeOptions): { width: number; height: number } {
  if (o.width === undefined || o.height === undefined) throw new ConfigError('serving batches needs width and height');
  return { width: o.width, height: o.height };
}
