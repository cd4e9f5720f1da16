import type { EventBatch } from '../../events/EventBatch.js';

/** A FIFO of event batches that tracks how many events it holds (amortised O(1) shift). */
export class BatchQueue {
  private items: (EventBatch | undefined)[] = [];
  private head = 0;
  private eventCount = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  /** Events held by the queued batches. */
  get events(): number {
    return this.eventCount;
  }

  push(b: EventBatch): void {
    this.items.push(b);
    this.eventCount += b.t.length;
  }

  /** Removes and returns the oldest batch. */
  shift(): EventBatch | undefined {
    if (this.head >= this.items.length) return undefined;
    const b = this.items[this.head]!;
    this.items[this.head++] = undefined; // let the batch be collected
    this.eventCount -= b.t.length;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return b;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.eventCount = 0;
  }
}
