/** A frame waiting for a client, with what dropping it would lose. */
export interface QueuedFrame {
  readonly bytes: Uint8Array;
  /** Events in the frame (0 for control frames). */
  readonly events: number;
  /** Control frames (hello, end) are never dropped. */
  readonly droppable: boolean;
}

/**
 * The bounded send queue of one client. Frames are handed to the socket while fewer than
 * `maxInflightBytes` are written but not yet flushed to the kernel; the rest wait here, at most
 * `maxQueuedBytes`: beyond that the oldest droppable frames are dropped (a live consumer wants
 * the newest events) and counted. So a slow client costs at most both bounds plus one frame.
 *
 * @example
 * queue.offer({ bytes, events: n, droppable: true });
 * for (let f = queue.take(); f; f = queue.take()) socket.write(f.bytes, () => queue.written(f.bytes.length));
 */
export class FrameQueue {
  private items: QueuedFrame[] = [];
  private head = 0;
  queuedBytes = 0;
  inflightBytes = 0;
  droppedFrames = 0;
  droppedEvents = 0;
  droppedBytes = 0;

  constructor(
    private readonly maxQueuedBytes: number,
    private readonly maxInflightBytes: number,
  ) {}

  /** Queues a frame, then drops the oldest droppable frames while over the bound. */
  offer(f: QueuedFrame): void {
    this.items.push(f);
    this.queuedBytes += f.bytes.length;
    while (this.queuedBytes > this.maxQueuedBytes && this.dropOldest());
  }

  /** The next frame to write (counted as in flight), or undefined while the window is full or nothing waits. */
  take(): QueuedFrame | undefined {
    if (this.head === this.items.length || this.inflightBytes >= this.maxInflightBytes) return undefined;
    const f = this.items[this.head++]!;
    this.queuedBytes -= f.bytes.length;
    this.inflightBytes += f.bytes.length;
    this.compact();
    return f;
  }

  /** `bytes` of frames in flight were flushed (or failed): the window reopens. */
  written(bytes: number): void {
    this.inflightBytes -= bytes;
  }

  /** True when nothing waits and nothing is in flight. */
  get idle(): boolean {
    return this.head === this.items.length && this.inflightBytes === 0;
  }

  private dropOldest(): boolean {
    let i = this.head;
    while (i < this.items.length && !this.items[i]!.droppable) i++;
    if (i === this.items.length) return false;
    const f = this.items[i]!;
    // The oldest is almost always at the head (control frames rarely wait): O(1) then.
    if (i === this.head) this.head++;
    else this.items.splice(i, 1);
    this.queuedBytes -= f.bytes.length;
    this.droppedFrames++;
    this.droppedEvents += f.events;
    this.droppedBytes += f.bytes.length;
    this.compact();
    return true;
  }

  /** Forgets taken frames once they are most of the array (amortised O(1) per frame). */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
