import type { Observable, Subscription } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { FeedEncoder } from './FeedEncoder.js';
import type { FrameChannel } from './FrameChannel.js';
import { FramePeer, type PeerBounds } from './FramePeer.js';
import type { ServeFeedMetrics, ServeFeedOptions } from './ServeFeedOptions.js';

/**
 * The heart of a feed server: encodes each batch once and hands the frames to every connected
 * peer's bounded queue; subscribes the source once `minClients` are connected; sends `end` on
 * completion and settles when every peer has closed.
 */
export class FeedBroadcast {
  private readonly peers = new Set<FramePeer>();
  private readonly encoder: FeedEncoder;
  private readonly gone = { frames: 0, events: 0, bytes: 0 };
  private readonly counts = { batches: 0, events: 0, framesWithoutClients: 0, clientsAccepted: 0 };
  private state: ServeFeedMetrics['state'] = 'waiting';
  private subscription: Subscription | null = null;
  private failure: { error: unknown } | null = null;
  private settled = false;

  constructor(
    private readonly batches$: Observable<EventBatch>,
    private readonly o: ServeFeedOptions,
    private readonly bounds: PeerBounds,
    private readonly stopListening: () => void,
    private readonly settle: (outcome: { error: unknown } | null) => void,
  ) {
    this.encoder = new FeedEncoder(o);
  }

  /** Starts at once when no client is awaited. */
  start(): void {
    if ((this.o.minClients ?? 1) === 0) this.subscribe();
  }

  /** A client connected. */
  accept(channel: FrameChannel): void {
    if (this.state !== 'waiting' && this.state !== 'serving') return channel.destroy();
    const peer = new FramePeer(channel, this.bounds, (p) => this.left(p));
    this.peers.add(peer);
    this.counts.clientsAccepted++;
    if (this.encoder.hello) peer.greet(this.encoder.hello);
    if (this.subscription === null && this.peers.size >= (this.o.minClients ?? 1)) this.subscribe();
  }

  /** Ends the feed without `end`: unsubscribes, closes every peer. */
  close(): void {
    if (this.state === 'waiting' || this.state === 'serving') this.stop('closed', null);
    else this.peers.forEach((p) => p.destroy());
  }

  metrics(): ServeFeedMetrics {
    const clients = [...this.peers].map((p) => p.metrics());
    const dropped = { ...this.gone };
    for (const c of clients) {
      dropped.frames += c.droppedFrames;
      dropped.events += c.droppedEvents;
      dropped.bytes += c.droppedBytes;
    }
    return { state: this.state, ...this.counts, frames: this.encoder.framesEncoded, clients, dropped };
  }

  private subscribe(): void {
    this.state = 'serving';
    this.subscription = this.batches$.subscribe({
      next: (b) => this.broadcast(b),
      error: (e: unknown) => this.stop('error', { error: e }),
      complete: () => this.complete(),
    });
  }

  private broadcast(b: EventBatch): void {
    if (this.state !== 'serving') return;
    let frames;
    try {
      frames = this.encoder.frames(b);
    } catch (e) {
      return this.stop('error', { error: e });
    }
    this.counts.batches++;
    this.counts.events += b.t.length;
    if (this.peers.size === 0) this.counts.framesWithoutClients += frames.length;
    for (const peer of this.peers) {
      peer.greet(this.encoder.hello!); // frames() has learnt the sensor: peers that came first get their hello now
      frames.forEach((f) => peer.send(f));
    }
  }

  private complete(): void {
    this.state = 'complete';
    this.stopListening();
    const hello = this.encoder.hello;
    const end = this.encoder.end();
    for (const peer of this.peers) {
      if (hello === undefined) peer.destroy(); // no sensor ever known: nothing valid to say
      else {
        peer.greet(hello);
        peer.finish(end);
      }
    }
    this.trySettle();
  }

  private stop(state: 'error' | 'closed', failure: { error: unknown } | null): void {
    this.state = state;
    this.failure = failure;
    this.subscription?.unsubscribe();
    this.stopListening();
    this.peers.forEach((p) => p.destroy());
    this.trySettle();
  }

  private left(peer: FramePeer): void {
    if (!this.peers.delete(peer)) return;
    const m = peer.metrics();
    this.gone.frames += m.droppedFrames;
    this.gone.events += m.droppedEvents;
    this.gone.bytes += m.droppedBytes;
    this.trySettle();
  }

  private trySettle(): void {
    if (this.settled || this.state === 'waiting' || this.state === 'serving' || this.peers.size > 0) return;
    this.settled = true;
    this.settle(this.failure);
  }
}
