/**
 * Cuts a byte stream into whole fixed-size units (words or records) without copying chunks:
 * only a unit split by a chunk boundary is assembled, in a unit-sized buffer, so a stream that is
 * misaligned after a text header of odd length costs no copy.
 */
export class RecordCarry {
  private readonly part: Uint8Array;
  private have = 0;

  /**
   * @param unitBytes bytes per unit (≥ 1)
   * @param sink receives whole units in order: a view that is only valid during the call
   */
  constructor(readonly unitBytes: number, private readonly sink: (units: Uint8Array) => void) {
    this.part = new Uint8Array(unitBytes);
  }

  /** Bytes held back because they do not yet form a whole unit. */
  get pending(): number {
    return this.have;
  }

  /** Passes every whole unit completed by `chunk` to the sink and keeps the partial tail. */
  feed(chunk: Uint8Array): void {
    let at = 0;
    if (this.have > 0) {
      at = Math.min(this.unitBytes - this.have, chunk.length);
      this.part.set(chunk.subarray(0, at), this.have);
      this.have += at;
      if (this.have < this.unitBytes) return;
      this.have = 0;
      this.sink(this.part);
    }
    const end = at + (chunk.length - at - ((chunk.length - at) % this.unitBytes));
    if (end > at) this.sink(chunk.subarray(at, end));
    this.part.set(chunk.subarray(end));
    this.have = chunk.length - end;
  }
}
