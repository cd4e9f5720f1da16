/**
 * Splits a byte stream into whole fixed-size records without copying chunks: a partial record at
 * the end of a chunk is carried (at most `recordBytes - 1` bytes) and completed from the next
 * chunk's first bytes. Unlike core's `RecordAligner`, which concatenates the carried tail with the
 * whole next chunk, a misaligned stream (e.g. after a text header of odd length) costs no copy.
 */
export class RecordCarry {
  private readonly tail: Uint8Array;
  private tailLen = 0;

  constructor(private readonly recordBytes: number) {
    this.tail = new Uint8Array(recordBytes);
  }

  /** Bytes held back because they do not yet form a whole record. */
  get pending(): number {
    return this.tailLen;
  }

  /**
   * Calls `decode` with whole records from `chunk`, in order: first the completed carried record
   * (a scratch view, valid only during the call), then the chunk's aligned middle (a view).
   */
  feed(chunk: Uint8Array, decode: (records: Uint8Array) => void): void {
    const size = this.recordBytes;
    let at = 0;
    if (this.tailLen > 0) {
      at = Math.min(size - this.tailLen, chunk.length);
      this.tail.set(chunk.subarray(0, at), this.tailLen);
      this.tailLen += at;
      if (this.tailLen < size) return;
      this.tailLen = 0;
      decode(this.tail);
    }
    const end = at + Math.floor((chunk.length - at) / size) * size;
    if (end > at) decode(chunk.subarray(at, end));
    this.tail.set(chunk.subarray(end));
    this.tailLen = chunk.length - end;
  }
}
