import type { FrameChannel } from './FrameChannel.js';
import { FrameQueue, type QueuedFrame } from './FrameQueue.js';

/** Counts of one peer a feed is sent to. */
export interface PeerMetrics {
  readonly remote: string;
  /** Frames, bytes and events flushed to the socket. */
  readonly framesSent: number;
  readonly bytesSent: number;
  readonly eventsSent: number;
  /** Events frames dropped because the peer read too slowly (its queue was full). */
  readonly droppedFrames: number;
  readonly droppedEvents: number;
  readonly droppedBytes: number;
  /** Bytes waiting in the queue now. */
  readonly queuedBytes: number;
}

/** Bounds of a peer's send queue (see {@link FrameQueue}). */
export interface PeerBounds {
  readonly maxQueueBytes: number;
  readonly maxInflightBytes: number;
}

/**
 * One peer of a feed: a channel, its bounded {@link FrameQueue} and its counters. Frames are
 * written in order as the window allows; `finish` sends `end` after everything queued and then
 * closes the channel. `closed` runs once when the channel closed, for whatever reason.
 */
export class FramePeer {
  private readonly queue: FrameQueue;
  private greeted = false;
  private finishing = false;
  private isClosed = false;
  private sent = { frames: 0, bytes: 0, events: 0 };

  constructor(
    private readonly channel: FrameChannel,
    bounds: PeerBounds,
    closed: (peer: FramePeer, code: string | undefined) => void,
  ) {
    this.queue = new FrameQueue(bounds.maxQueueBytes, bounds.maxInflightBytes);
    channel.onClose((code) => {
      this.isClosed = true;
      closed(this, code);
    });
  }

  /** True once the channel closed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends the hello, once (later calls do nothing). */
  greet(hello: Uint8Array): void {
    if (this.greeted) return;
    this.greeted = true;
    this.send({ bytes: hello, events: 0, droppable: false });
  }

  /** Queues a frame (ignored once finishing or closed). */
  send(f: QueuedFrame): void {
    if (this.finishing || this.isClosed) return;
    this.queue.offer(f);
    this.pump();
  }

  /** Queues `end` after everything queued, then closes the channel once all is flushed. */
  finish(end: Uint8Array): void {
    this.send({ bytes: end, events: 0, droppable: false });
    this.finishing = true;
    this.pump();
  }

  /** Closes the channel at once, dropping what waits (not counted: the feed itself ended). */
  destroy(): void {
    this.channel.destroy();
  }

  metrics(): PeerMetrics {
    const q = this.queue;
    return {
      remote: this.channel.remote, framesSent: this.sent.frames, bytesSent: this.sent.bytes, eventsSent: this.sent.events,
      droppedFrames: q.droppedFrames, droppedEvents: q.droppedEvents, droppedBytes: q.droppedBytes, queuedBytes: q.queuedBytes,
    };
  }

  private pump(): void {
    if (this.isClosed) return;
    for (let f = this.queue.take(); f !== undefined; f = this.queue.take()) {
      const frame = f;
      this.channel.write(frame.bytes, () => {
        this.queue.written(frame.bytes.length);
        this.sent.frames++;
        this.sent.bytes += frame.bytes.length;
        this.sent.events += frame.events;
        this.pump();
      });
    }
    if (this.finishing && this.queue.idle) this.channel.end();
  }
}
