import { Aedat4BodyError, END_OF_BODY } from './CodecError.js';
import type { BodyDecompressor } from './Codec.js';
import { LZ4_SLACK, type Lz4Scratch, decodeBlock, lz4BlockErrors } from './lz4Block.js';
import { hexBytes } from '../../core/describeBytes.js';

/** LZ4 frame format (lz4/doc/lz4_Frame_format.md). */
const LZ4_MAGIC = 0x184d2204;
const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_01 = 0x40;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICT_ID = 0x01;
const BD_MAX_SHIFT = 4;
const BLOCK_UNCOMPRESSED = 0x80000000;
/** First guess of a compressed block's expansion; the room grows by this factor when short. */
const GUESS_RATIO = 4;
const U32 = 2 ** 32;

/**
 * Where the blocks of an LZ4 frame go: the JS decoder's scratch, or WebAssembly memory. Output
 * positions are relative to the frame's first output byte; {@link readLz4Frame} has checked the
 * block's size and that a stored block stays within `maxBytes`.
 */
export interface Lz4BlockSink {
  /** Called once the header is checked; the blocks start at `src[dataAt]`. */
  begin(src: Uint8Array, dataAt: number, blockChecksumBytes: number): void;
  /** Copies the stored block `src[s, s + size)` to output position `d`. @returns false to give up. */
  stored(src: Uint8Array, s: number, size: number, d: number): boolean;
  /**
   * Decodes the compressed block `src[s, s + size)` at `d`, producing no byte at or past `hard`.
   * @returns the new output position, or -1 to give up (the sink cannot hold the output).
   * @throws Aedat4BodyError as {@link decodeBlock} does, and `lz4BlockErrors.overflow(s, hard)`.
   */
  compressed(src: Uint8Array, s: number, size: number, d: number, hard: number): number;
}

interface FrameHeader {
  readonly flg: number;
  readonly blockMax: number;
  /** Declared content size, or -1. */
  readonly contentSize: number;
  /** Where the first block starts. */
  readonly dataAt: number;
}

function blockMaxBytes(bd: number): number {
  const code = (bd >> BD_MAX_SHIFT) & 7;
  if (code < 4 || (bd & 0x8f) !== 0) throw new Aedat4BodyError(5, 'LZ4 block max size code 4..7', `BD byte ${bd}`);
  return 1 << (8 + 2 * code);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** Checks an LZ4 frame header (magic, FLG, BD, content size <= `maxBytes`, no dictionary). */
function readHeader(src: Uint8Array, maxBytes: number): FrameHeader {
  if (src.length < 7) throw new Aedat4BodyError(src.length, 'an LZ4 frame header (7+ bytes)', END_OF_BODY);
  if (u32(src, 0) !== LZ4_MAGIC) throw new Aedat4BodyError(0, 'LZ4 frame magic 04 22 4d 18', hexBytes(src, 4));
  const flg = src[4]!;
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_01 || (flg & FLG_RESERVED) !== 0) {
    throw new Aedat4BodyError(4, 'LZ4 FLG version 01, reserved bit 0', `FLG ${flg}`);
  }
  const blockMax = blockMaxBytes(src[5]!);
  let s = 6;
  let contentSize = -1;
  if (flg & FLG_CONTENT_SIZE) {
    if (src.length < s + 8) throw new Aedat4BodyError(s, 'an 8-byte content size', END_OF_BODY);
    contentSize = u32(src, s) + u32(src, s + 4) * U32;
    if (contentSize > maxBytes) throw new Aedat4BodyError(s, `content size <= ${maxBytes}`, `${contentSize}`);
    s += 8;
  }
  if (flg & FLG_DICT_ID) throw new Aedat4BodyError(4, 'an LZ4 frame without dictionary', 'a dictionary id');
  return { flg, blockMax, contentSize, dataAt: s + 1 }; // + header checksum
}

/**
 * Reads one LZ4 frame, handing its blocks to `sink` (checksums are skipped, as lz4js also does,
 * since the flatbuffer checks that follow catch corrupt bodies). Dependent blocks (B.Indep = 0,
 * what DV writes) are supported: the sink keeps all blocks of a frame contiguous.
 * @returns the output length and the bytes the frame took, or null when the sink gave up.
 * @throws Aedat4BodyError on a malformed frame or output above `maxBytes`.
 */
export function readLz4Frame(src: Uint8Array, maxBytes: number, sink: Lz4BlockSink): { length: number; consumed: number } | null {
  const h = readHeader(src, maxBytes);
  const blockSum = (h.flg & FLG_BLOCK_CHECKSUM) !== 0 ? 4 : 0;
  sink.begin(src, h.dataAt, blockSum);
  let s = h.dataAt;
  let d = 0;
  for (;;) {
    if (s + 4 > src.length) throw new Aedat4BodyError(s, 'an LZ4 block size or end mark', END_OF_BODY);
    const word = u32(src, s);
    s += 4;
    if (word === 0) break;
    const size = (word & ~BLOCK_UNCOMPRESSED) >>> 0;
    if (size > h.blockMax) throw new Aedat4BodyError(s - 4, `LZ4 block size <= ${h.blockMax}`, `${size}`);
    if (s + size + blockSum > src.length) throw new Aedat4BodyError(s, `${size} block bytes`, END_OF_BODY);
    if ((word & BLOCK_UNCOMPRESSED) !== 0) {
      if (d + size > maxBytes) throw lz4BlockErrors.overflow(s, maxBytes);
      if (!sink.stored(src, s, size, d)) return null;
      d += size;
    } else {
      d = sink.compressed(src, s, size, d, Math.min(d + h.blockMax, maxBytes));
      if (d < 0) return null;
    }
    s += size + blockSum;
  }
  if (h.flg & FLG_CONTENT_CHECKSUM) s += 4;
  if (s > src.length) throw new Aedat4BodyError(s - 4, 'a content checksum', END_OF_BODY);
  if (h.contentSize >= 0 && d !== h.contentSize) {
    throw new Aedat4BodyError(s, `${h.contentSize} decompressed bytes (declared)`, `${d}`);
  }
  return { length: d, consumed: s };
}

/**
 * Where the blocks starting at `s` end: after the end mark, or at `src.length` when the frame is
 * cut short (a walk over the block sizes, checking nothing; {@link readLz4Frame} checks).
 */
export function lz4BlocksEnd(src: Uint8Array, s: number, blockChecksumBytes: number): number {
  while (s + 4 <= src.length) {
    const word = u32(src, s);
    s += 4;
    if (word === 0) return s;
    s += ((word & ~BLOCK_UNCOMPRESSED) >>> 0) + blockChecksumBytes;
  }
  return src.length;
}

/**
 * A bounded LZ4 frame decoder in JS: the fallback when WebAssembly is unavailable and the test
 * oracle of {@link Lz4WasmDecoder}. Output goes into a scratch buffer reused by the next call,
 * grown up to `maxBytes` only: a declared content size above it, or output that would pass it, is
 * refused.
 */
export class Lz4FrameDecoder implements BodyDecompressor {
  private scratch: Lz4Scratch = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)) };
  private sv: DataView = new DataView(new ArrayBuffer(0));
  private readonly sink: Lz4BlockSink = {
    begin: (src) => {
      this.sv = new DataView(src.buffer, src.byteOffset, src.length);
    },
    stored: (src, s, size, d) => {
      this.ensure(d, d + size);
      this.scratch.bytes.set(src.subarray(s, s + size), d);
      return true;
    },
    compressed: (src, s, size, d, hard) => this.block(src, s, size, d, hard),
  };

  /** @throws Aedat4BodyError on a malformed frame or output above `maxBytes`. */
  decompress(src: Uint8Array, maxBytes: number): { bytes: Uint8Array; consumed: number } {
    const r = readLz4Frame(src, maxBytes, this.sink)!; // this sink never gives up
    return { bytes: this.scratch.bytes.subarray(0, r.length), consumed: r.consumed };
  }

  /**
   * Decodes a compressed block with output room guessed from its size (DV packets compress ~2:1),
   * growing and retrying up to `hard` when that is not enough: the scratch tracks real output,
   * not the 4 MiB a block may declare.
   */
  private block(src: Uint8Array, s: number, size: number, d: number, hard: number): number {
    for (let cap = Math.min(hard, d + GUESS_RATIO * size + LZ4_SLACK); ; cap = Math.min(hard, d + GUESS_RATIO * (cap - d))) {
      this.ensure(d, cap);
      const end = decodeBlock(src, this.sv, s, s + size, this.scratch, d, cap);
      if (end >= 0) return end;
      if (cap >= hard) throw lz4BlockErrors.overflow(s, hard);
    }
  }

  /** Grows the scratch to hold `need` bytes plus slack, keeping the first `keep` (capacity doubles). */
  private ensure(keep: number, need: number): void {
    const old = this.scratch.bytes;
    if (need + LZ4_SLACK <= old.length) return;
    const grown = new Uint8Array(Math.max(need, Math.min(old.length * 2, need * 2)) + LZ4_SLACK);
    grown.set(old.subarray(0, keep));
    this.scratch = { bytes: grown, view: new DataView(grown.buffer) };
  }
}
