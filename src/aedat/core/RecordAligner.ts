/**
 * Cuts a byte stream into whole fixed-size records, carrying a partial record over to the next
 * chunk so that no byte is lost at a chunk boundary.
 */
export class RecordAligner {
  private tail = new Uint8Array(0);

  constructor(private readonly recordBytes: number) {}

  /** Bytes held back because they do not yet form a whole record. */
  get pending(): number {
    return this.tail.length;
  }

  /** The whole records available after this chunk (a view when no tail was carried). */
  align(chunk: Uint8Array): Uint8Array {
    let buf = chunk;
    if (this.tail.length > 0) {
      buf = new Uint8Array(this.tail.length + chunk.length);
      buf.set(this.tail);
      buf.set(chunk, this.tail.length);
    }
    const end = buf.length - (buf.length % this.recordBytes);
    this.tail = buf.slice(end);
    return buf.subarray(0, end);
  }
}
