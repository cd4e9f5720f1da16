import { SpikeguardError } from '../../../errors.js';

/** `got` of errors raised because the bytes ended early (a table cut short is a truncation). */
export const END_OF_BODY = 'end of body';

/**
 * A compressed frame or a flatbuffer inside a packet body is malformed or too large. Internal to
 * the AEDAT 4.0 decoder, which turns it into a `DecodeError` at the packet's file offset
 * (positions inside a decompressed body are not file offsets).
 */
export class Aedat4BodyError extends SpikeguardError {
  override readonly name: string = 'Aedat4BodyError';
  constructor(
    /** Byte position inside the (compressed or decompressed) body. */
    readonly at: number,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`at body byte ${at}: expected ${expected}, got ${got}`);
  }

  /** True when the bytes simply ended before the frame or flatbuffer did. */
  get truncated(): boolean {
    return this.got === END_OF_BODY;
  }
}
