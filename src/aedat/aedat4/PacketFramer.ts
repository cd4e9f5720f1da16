import { DecodeError, TruncatedInputError } from '../../errors.js';
import type { Cursor } from './Cursor.js';
import { FORMAT } from './decodeSupport.js';
import { u32 } from './flatRead.js';

const PACKET_HEADER_BYTES = 8;

/** One whole packet at the front of the queue. */
export interface FramedPacket {
  readonly streamId: number;
  /** Body size in bytes, as the packet header says. */
  readonly size: number;
  /** The body (a view into the queue: valid until the packet is consumed). */
  readonly body: Uint8Array;
  /** File offset of the body. */
  readonly bodyAt: number;
  /** Header and body bytes, to consume once the packet is decoded. */
  readonly totalBytes: number;
}

/**
 * The packet framing phase: `int32 StreamID, int32 Size`, then Size body bytes, up to
 * dataTablePosition (-1: until the input ends). A Size is checked as soon as its header arrives,
 * so a hostile one is refused without waiting for (or allocating) its body.
 */
export class PacketFramer {
  constructor(
    private readonly maxPacketBytes: number,
    /** File offset of the FileDataTable, -1 when there is none. */
    private readonly tableAt: number,
  ) {}

  /**
   * The next whole packet, `'table'` when the cursor stands at dataTablePosition, or null when
   * more bytes are needed. Does not consume. @throws DecodeError for an impossible Size.
   */
  next(c: Cursor): FramedPacket | 'table' | null {
    if (this.tableAt >= 0 && c.offset === this.tableAt) return 'table';
    const head = c.queue.peek(PACKET_HEADER_BYTES);
    if (head === null) return null;
    const streamId = u32(head, 0) | 0;
    const size = u32(head, 4) | 0;
    if (size < 0 || size > this.maxPacketBytes) {
      throw new DecodeError(FORMAT, c.offset + 4, `a packet Size in 0..${this.maxPacketBytes}`, `${size}`);
    }
    const end = c.offset + PACKET_HEADER_BYTES + size;
    if (this.tableAt >= 0 && end > this.tableAt) {
      throw new DecodeError(FORMAT, c.offset, `a packet ending by dataTablePosition ${this.tableAt}`, `one ending at ${end}`);
    }
    const whole = c.queue.peek(PACKET_HEADER_BYTES + size);
    if (whole === null) return null;
    return {
      streamId, size, body: whole.subarray(PACKET_HEADER_BYTES),
      bodyAt: c.offset + PACKET_HEADER_BYTES, totalBytes: PACKET_HEADER_BYTES + size,
    };
  }

  /**
   * The error for input that ended between or inside packets, or undefined when it may end there
   * (between packets of a file without a table). A cut packet names the size its header announces.
   */
  truncation(c: Cursor): TruncatedInputError | undefined {
    const left = c.queue.length;
    if (left === 0) {
      return this.tableAt >= 0 ? new TruncatedInputError(FORMAT, c.offset, `the FileDataTable at ${this.tableAt}`, 'end of input') : undefined;
    }
    if (left < PACKET_HEADER_BYTES) {
      return new TruncatedInputError(FORMAT, c.offset, 'an 8-byte packet header (StreamID, Size)', `the input ends after ${left} bytes`);
    }
    const announced = PACKET_HEADER_BYTES + (u32(c.queue.peek(PACKET_HEADER_BYTES)!, 4) | 0);
    return new TruncatedInputError(FORMAT, c.offset, `a whole packet: the packet announces ${announced} bytes (8 header + Size)`,
      `the file ends after ${left} of them`);
  }
}
