import { ByteQueue } from '../core/ByteQueue.js';

/** The bytes not yet decoded and the absolute file offset of the first of them. */
export class Cursor {
  readonly queue = new ByteQueue();
  offset = 0;

  /** Drops `n` decoded bytes (n <= queue.length). */
  consume(n: number): void {
    this.queue.skip(n);
    this.offset += n;
  }
}
