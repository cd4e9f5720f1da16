import type { Aedat4TableEntry } from './packets.js';

/**
 * What the packet walk saw, kept compactly (4 numbers a packet) so that the FileDataTable read at
 * the end can be checked against the packets it indexes.
 */
export class PacketIndex {
  private readonly byOffset = new Map<number, number>();
  private readonly streamIds: number[] = [];
  private readonly sizes: number[] = [];
  /** Elements decoded from the packet, or -1 when the packet was skipped without decoding. */
  private readonly elements: number[] = [];

  /** Records a packet whose body starts at file offset `bodyOffset`. */
  add(bodyOffset: number, streamId: number, size: number, elements: number): void {
    this.byOffset.set(bodyOffset, this.sizes.length);
    this.streamIds.push(streamId);
    this.sizes.push(size);
    this.elements.push(elements);
  }

  /**
   * Counts disagreements: table entries that match no walked packet by ByteOffset, StreamID and
   * Size, or whose NumElements (when present, i.e. non-zero, and known) differs from the packet's,
   * plus walked packets the table does not list.
   */
  mismatches(table: readonly Aedat4TableEntry[]): number {
    let bad = 0;
    const seen = new Set<number>();
    for (const e of table) {
      const i = this.byOffset.get(e.byteOffset);
      const known = i === undefined ? -1 : this.elements[i]!;
      const same = i !== undefined && !seen.has(i) && this.streamIds[i] === e.streamId &&
        this.sizes[i] === e.size && (e.numElements === 0 || known < 0 || known === e.numElements);
      if (same) seen.add(i);
      else bad++;
    }
    return bad + (this.sizes.length - seen.size);
  }
}
