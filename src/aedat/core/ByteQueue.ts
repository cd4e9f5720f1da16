/**
 * A FIFO of byte chunks that hands out contiguous views, copying only when a request spans
 * chunks. Lets packet decoders wait for a whole packet without re-concatenating on every push
 * (which would be quadratic for small chunks).
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // read position inside chunks[0]
  private size = 0;

  /** Bytes queued and not yet consumed. */
  get length(): number {
    return this.size;
  }

  /** Appends a chunk (kept by reference: the caller must not modify it afterwards). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /**
   * The first `n` bytes as one contiguous view, or null when fewer are queued.
   * Does not consume them.
   */
  peek(n: number): Uint8Array | null {
    if (n > this.size) return null;
    const first = this.chunks[0];
    if (first === undefined) return n === 0 ? new Uint8Array(0) : null;
    if (first.length - this.head >= n) return first.subarray(this.head, this.head + n);
    // Merge just enough chunks to cover n bytes, so repeated peeks do not copy again.
    const merged = new Uint8Array(n + this.countAfter(n));
    let at = 0;
    let used = 0;
    for (const c of this.chunks) {
      const part = used === 0 ? c.subarray(this.head) : c;
      merged.set(part, at);
      at += part.length;
      used++;
      if (at >= n) break;
    }
    this.chunks.splice(0, used, merged);
    this.head = 0;
    return merged.subarray(0, n);
  }

  /** Consumes `n` bytes (n <= length). */
  skip(n: number): void {
    this.size -= n;
    while (n > 0) {
      const first = this.chunks[0]!;
      const avail = first.length - this.head;
      if (avail > n) {
        this.head += n;
        return;
      }
      n -= avail;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Consumes and returns the first `n` bytes as a contiguous view, or null when fewer are queued. */
  take(n: number): Uint8Array | null {
    const v = this.peek(n);
    if (v !== null) this.skip(n);
    return v;
  }

  /** Consumes everything queued, as one contiguous view. */
  takeAll(): Uint8Array {
    return this.take(this.size)!;
  }

  /** Bytes of the chunk that holds byte n-1 beyond byte n: merged along so peek copies once. */
  private countAfter(n: number): number {
    let at = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      at += i === 0 ? c.length - this.head : c.length;
      if (at >= n) return at - n;
    }
    return 0;
  }
}
