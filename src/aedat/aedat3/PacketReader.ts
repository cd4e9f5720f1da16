import { TruncatedInputError } from '../../errors.js';
import { ByteQueue } from '../core/ByteQueue.js';
import { addCount } from '../../addCount.js';
import { PACKET_HEADER_BYTES, type PacketHeader, packetBytes, parsePacketHeader, typeName } from './packetHeader.js';

/** A packet whose event bytes are being dropped, and what to count once they all went by. */
interface Discard {
  left: number;
  readonly kind: string;
  readonly valid: number;
  readonly invalid: number;
}

/**
 * Frames the AEDAT 3.x packet stream: queues chunks in a {@link ByteQueue} (no re-copy per chunk),
 * validates each 28-byte header as soon as it is there, hands whole packets of the `read` types to
 * `onPacket` and drops the bodies of all other packets as they arrive (counting their valid
 * events by type name, and the invalid ones as `invalid`). Nothing is allocated from a header's
 * claim: a packet is only ever the bytes received.
 */
export class PacketReader {
  /** Absolute offset of the first byte not consumed (the start of a pending packet). */
  offset: number;
  private readonly queue = new ByteQueue();
  private discard: Discard | null = null;
  private discardStart = 0;

  /**
   * @param start absolute offset of the first packet
   * @param read packet types passed to `onPacket` whole (header included)
   */
  constructor(
    start: number,
    private readonly maxPacketBytes: number,
    private readonly read: ReadonlySet<number>,
    private readonly onPacket: (pkt: Uint8Array, h: PacketHeader) => void,
    private readonly skipped: Record<string, number>,
  ) {
    this.offset = start;
  }

  /**
   * Queues a chunk and handles every packet it completes.
   * @throws DecodeError at a packet header's offset when the header is impossible.
   */
  push(chunk: Uint8Array): void {
    this.queue.push(chunk);
    for (;;) {
      if (this.discard !== null && !this.drain(this.discard)) return;
      const head = this.queue.peek(PACKET_HEADER_BYTES);
      if (head === null) return;
      const h = parsePacketHeader(head, this.offset, this.maxPacketBytes);
      if (!this.read.has(h.type)) {
        this.startDiscard(h);
        continue;
      }
      const total = packetBytes(h);
      const pkt = this.queue.peek(total);
      if (pkt === null) return;
      this.onPacket(pkt, h);
      this.queue.skip(total);
      this.offset += total;
    }
  }

  /** The error for input that ended inside a packet, or null when it ended between packets. */
  truncation(format: string): TruncatedInputError | null {
    if (this.discard !== null) {
      return new TruncatedInputError(format, this.discardStart,
        `${this.discard.left} more bytes of a ${this.discard.kind} packet`, 'end of input');
    }
    const queued = this.queue.length;
    if (queued === 0) return null;
    if (queued < PACKET_HEADER_BYTES) {
      return new TruncatedInputError(format, this.offset, `a whole ${PACKET_HEADER_BYTES}-byte packet header`,
        `the input ends after ${queued} bytes`);
    }
    const h = parsePacketHeader(this.queue.peek(PACKET_HEADER_BYTES)!, this.offset, this.maxPacketBytes);
    return new TruncatedInputError(format, this.offset,
      `a whole packet: the packet announces ${packetBytes(h)} bytes (${PACKET_HEADER_BYTES} header + capacity × size)`,
      `the file ends after ${queued} of them`);
  }

  private startDiscard(h: PacketHeader): void {
    this.discardStart = this.offset;
    this.queue.skip(PACKET_HEADER_BYTES);
    this.offset += PACKET_HEADER_BYTES;
    this.discard = { left: h.capacity * h.size, kind: typeName(h.type), valid: h.valid, invalid: h.number - h.valid };
  }

  /** Drops what is queued of the discarded body; true once all of it went by. */
  private drain(d: Discard): boolean {
    const n = Math.min(d.left, this.queue.length);
    this.queue.skip(n);
    d.left -= n;
    this.offset += n;
    if (d.left > 0) return false;
    if (d.valid > 0) addCount(this.skipped, d.kind, d.valid);
    if (d.invalid > 0) addCount(this.skipped, 'invalid', d.invalid);
    this.discard = null;
    return true;
  }
}
