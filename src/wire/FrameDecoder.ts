import { ByteQueue } from '../aedat/core/ByteQueue.js';
import { ConfigError, DecodeError, TruncatedInputError } from '../errors.js';
import type { WireMessage } from './WireMessage.js';
import { decodeMessage } from './decodeMessage.js';
import { DEFAULT_MAX_FRAME_BYTES, FRAME_PREFIX_BYTES, WIRE_FORMAT } from './wireFormat.js';

/** Options of {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** Largest msgpack body accepted, bytes (default 64 MiB); a larger length prefix is an error. */
  readonly maxFrameBytes?: number;
}

/** What one `push` or `end` gave: the whole frames decoded, then the fault if there was one. */
export interface FrameOutput {
  readonly messages: WireMessage[];
  readonly error?: DecodeError;
}

/**
 * Incremental decoder of the length-prefixed wire stream (docs/wire.md): feed it byte chunks
 * split anywhere, get the messages of every whole frame. Holds at most one partial frame, and
 * never more than `maxFrameBytes` of it: the length prefix is checked before its body is awaited.
 * A fault is returned after the messages before it, and the decoder then stays failed.
 *
 * @example
 * const decoder = new FrameDecoder();
 * socket.on('data', (chunk) => { const { messages, error } = decoder.push(chunk); … });
 * socket.on('end', () => { const { error } = decoder.end(); … });  // TruncatedInputError mid-frame
 */
export class FrameDecoder {
  private readonly queue = new ByteQueue();
  private readonly maxFrameBytes: number;
  private consumed = 0;
  private frameCount = 0;
  private failure: DecodeError | undefined;

  /** @throws ConfigError when `maxFrameBytes` is not an integer in 1..2^32-1. */
  constructor(opts: FrameDecoderOptions = {}) {
    this.maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(this.maxFrameBytes) || this.maxFrameBytes < 1 || this.maxFrameBytes > 0xffff_ffff) {
      throw new ConfigError(`FrameDecoder: maxFrameBytes must be an integer in 1..2^32-1, got ${this.maxFrameBytes}`);
    }
  }

  /** Stream offset after the last whole frame, bytes. */
  get offset(): number {
    return this.consumed;
  }

  /** Bytes received that do not yet make a whole frame. */
  get pendingBytes(): number {
    return this.queue.length;
  }

  /** Whole frames decoded so far. */
  get frames(): number {
    return this.frameCount;
  }

  /** Consumes a chunk (kept by reference until its frames are decoded: do not modify it). */
  push(chunk: Uint8Array): FrameOutput {
    if (this.failure) return { messages: [], error: this.failure };
    this.queue.push(chunk);
    const messages: WireMessage[] = [];
    try {
      for (let m = this.nextMessage(); m !== null; m = this.nextMessage()) messages.push(m);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.failure = e;
    }
    return this.failure ? { messages, error: this.failure } : { messages };
  }

  /** Ends the stream: a partial frame left over is a {@link TruncatedInputError} at its start. */
  end(): FrameOutput {
    if (!this.failure && this.queue.length > 0) {
      const prefix = this.queue.peek(FRAME_PREFIX_BYTES);
      const expected = prefix ? `frame of ${FRAME_PREFIX_BYTES + bodyLength(prefix)} bytes` : `${FRAME_PREFIX_BYTES}-byte length prefix`;
      this.failure = new TruncatedInputError(WIRE_FORMAT, this.consumed, expected, `${this.queue.length} bytes before the end`);
    }
    return this.failure ? { messages: [], error: this.failure } : { messages: [] };
  }

  private nextMessage(): WireMessage | null {
    const prefix = this.queue.peek(FRAME_PREFIX_BYTES);
    if (prefix === null) return null;
    const length = bodyLength(prefix);
    if (length < 1 || length > this.maxFrameBytes) {
      throw new DecodeError(WIRE_FORMAT, this.consumed, `frame length in 1..${this.maxFrameBytes}`, String(length));
    }
    const frame = this.queue.take(FRAME_PREFIX_BYTES + length);
    if (frame === null) return null;
    const message = decodeMessage(frame.subarray(FRAME_PREFIX_BYTES), this.consumed);
    this.consumed += frame.length;
    this.frameCount++;
    return message;
  }
}

function bodyLength(prefix: Uint8Array): number {
  return new DataView(prefix.buffer, prefix.byteOffset, FRAME_PREFIX_BYTES).getUint32(0, false);
}
