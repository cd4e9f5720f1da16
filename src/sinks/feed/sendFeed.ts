import { connect } from 'node:net';
import { Observable, type Subscriber, type Subscription } from 'rxjs';
import { WebSocket } from 'ws';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { FeedConnectionError } from '../../streams/FeedConnectionError.js';
import { FeedEncoder, type FeedEncoderOptions } from './FeedEncoder.js';
import { type FrameChannel, socketChannel, webSocketChannel } from './FrameChannel.js';
import { FramePeer, type PeerBounds, type PeerMetrics } from './FramePeer.js';
import { DEFAULT_PEER_BOUNDS } from './ServeFeedOptions.js';

/** Options of {@link sendFeed}. */
export interface SendFeedOptions extends FeedEncoderOptions, Partial<PeerBounds> {}

/** What {@link sendFeed} sent. */
export interface SendFeedMetrics extends PeerMetrics {
  /** Batches and events taken from the source, and events frames encoded. */
  readonly batches: number;
  readonly events: number;
  readonly frames: number;
}

/** Where to push: a TCP server or a WebSocket URL (e.g. a `feedSource({ listen })`). */
export type SendTarget = { readonly host: string; readonly port: number } | { readonly url: string };

/**
 * Pushes a stream of batches to a remote feed receiver (`feedSource({ listen: … })` or any
 * program reading docs/wire.md): connects, sends `hello`, an `events` frame per batch and `end`.
 * Cold: subscribing connects and, once connected, subscribes the source; unsubscribing closes.
 * Emits one {@link SendFeedMetrics} and completes once `end` was flushed and the connection
 * closed. A slow receiver costs bounded memory: as in {@link serveFeed}, the oldest events frames
 * are dropped beyond `maxQueueBytes` and counted.
 *
 * @throws ConfigError at call time on bad options. Errors downstream: FeedConnectionError when
 *   the receiver cannot be reached or closes first; the source's own error.
 * @example
 * await lastValueFrom(sendFeed(replayFile('rec.aedat4', { pace: { speed: 1 } }), { host: 'gpu-box', port: 7777 }));
 */
export function sendFeed(batches$: Observable<EventBatch>, target: SendTarget, opts: SendFeedOptions = {}): Observable<SendFeedMetrics> {
  const encoder = () => new FeedEncoder(opts); // also checks the options now
  encoder();
  const bounds = { maxQueueBytes: opts.maxQueueBytes ?? DEFAULT_PEER_BOUNDS.maxQueueBytes, maxInflightBytes: opts.maxInflightBytes ?? DEFAULT_PEER_BOUNDS.maxInflightBytes };
  if (!(Number.isInteger(bounds.maxQueueBytes) && bounds.maxQueueBytes >= 1 && Number.isInteger(bounds.maxInflightBytes) && bounds.maxInflightBytes >= 1)) {
    throw new ConfigError(`sendFeed: maxQueueBytes and maxInflightBytes must be integers >= 1, got ${bounds.maxQueueBytes}, ${bounds.maxInflightBytes}`);
  }
  return new Observable<SendFeedMetrics>((sub) => {
    const run = new SendRun(batches$, target, encoder(), bounds, sub);
    return () => run.stop();
  });
}

/** One subscription of {@link sendFeed}. */
class SendRun {
  private readonly peer: FramePeer;
  private readonly counts = { batches: 0, events: 0 };
  private source: Subscription | null = null;
  private finished = false;
  private stopped = false;

  constructor(
    private readonly batches$: Observable<EventBatch>,
    private readonly target: SendTarget,
    private readonly encoder: FeedEncoder,
    bounds: PeerBounds,
    private readonly sub: Subscriber<SendFeedMetrics>,
  ) {
    const { channel, opened } = openChannel(target);
    this.peer = new FramePeer(channel, bounds, (_p, code) => this.closed(code));
    opened(() => this.start());
  }

  stop(): void {
    this.stopped = true;
    this.source?.unsubscribe();
    this.peer.destroy();
  }

  private start(): void {
    if (this.stopped) return;
    this.source = this.batches$.subscribe({
      next: (b) => this.send(b),
      error: (e: unknown) => this.fail(e),
      complete: () => this.finish(),
    });
  }

  private send(b: EventBatch): void {
    let frames;
    try {
      frames = this.encoder.frames(b);
    } catch (e) {
      return this.fail(e);
    }
    this.counts.batches++;
    this.counts.events += b.t.length;
    this.peer.greet(this.encoder.hello!); // known once frames() has seen a batch
    frames.forEach((f) => this.peer.send(f));
  }

  private finish(): void {
    const hello = this.encoder.hello;
    if (hello === undefined) return this.fail(new ConfigError('sendFeed: the source ended before any batch and no sensor was given'));
    this.finished = true;
    this.peer.greet(hello);
    this.peer.finish(this.encoder.end());
  }

  private fail(e: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.sub.error(e);
  }

  private closed(code: string | undefined): void {
    if (this.stopped) return;
    const m = this.peer.metrics();
    if (this.finished && m.queuedBytes === 0 && code === undefined) {
      this.stopped = true;
      this.sub.next({ ...m, ...this.counts, frames: this.encoder.framesEncoded });
      this.sub.complete();
      return;
    }
    const where = 'url' in this.target ? this.target.url : `tcp://${this.target.host}:${this.target.port}`;
    this.fail(new FeedConnectionError(where, code ?? 'closed before end', 1));
  }
}

function openChannel(target: SendTarget): { channel: FrameChannel; opened: (f: () => void) => void } {
  if ('url' in target) {
    const ws = new WebSocket(target.url);
    return { channel: webSocketChannel(ws, target.url), opened: (f) => ws.on('open', f) };
  }
  const socket = connect({ host: target.host, port: target.port });
  return { channel: socketChannel(socket), opened: (f) => socket.on('connect', f) };
}
