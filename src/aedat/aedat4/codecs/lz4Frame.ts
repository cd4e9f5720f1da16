import { Aedat4BodyError, END_OF_BODY } from './CodecError.js';
import type { BodyDecompressor } from './Codec.js';

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
const MIN_MATCH = 4;
const RUN_MASK = 15;
/** Literal runs and matches shorter than this are copied by loops (cheaper than a call). */
const SHORT_COPY = 16;
/** Literal runs up to this length are copied as two 4-byte words. */
const WORD_COPY = 8;
/** First guess of a compressed block's expansion; the room grows by this factor when short. */
const GUESS_RATIO = 4;
/** Spare bytes after the output limit that word copies may overwrite. */
const SLACK = 16;
const U32 = 2 ** 32;

function blockMaxBytes(bd: number): number {
  const code = (bd >> BD_MAX_SHIFT) & 7;
  if (code < 4 || (bd & 0x8f) !== 0) throw new Aedat4BodyError(5, 'LZ4 block max size code 4..7', `BD byte ${bd}`);
  return 1 << (8 + 2 * code);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/**
 * A bounded LZ4 frame decoder (hand-written; checksums are skipped, as lz4js also does, since the
 * flatbuffer checks that follow catch corrupt bodies). Output goes into a scratch buffer reused by
 * the next call, grown up to `maxBytes` only: a declared content size above it, or output that
 * would pass it, is refused. Dependent blocks (B.Indep = 0, what DV writes) are supported since
 * all blocks of a frame are decoded into one contiguous buffer.
 */
interface Scratch {
  bytes: Uint8Array;
  view: DataView;
}

export class Lz4FrameDecoder implements BodyDecompressor {
  private scratch: Scratch = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)) };

  /** @throws Aedat4BodyError on a malformed frame or output above `maxBytes`. */
  decompress(src: Uint8Array, maxBytes: number): { bytes: Uint8Array; consumed: number } {
    if (src.length < 7) throw new Aedat4BodyError(src.length, 'an LZ4 frame header (7+ bytes)', END_OF_BODY);
    if (u32(src, 0) !== LZ4_MAGIC) throw new Aedat4BodyError(0, 'LZ4 frame magic 04 22 4d 18', hex4(src));
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
    s++; // header checksum
    const blockSum = (flg & FLG_BLOCK_CHECKSUM) !== 0 ? 4 : 0;
    const sv = new DataView(src.buffer, src.byteOffset, src.length);
    let d = 0;
    for (;;) {
      if (s + 4 > src.length) throw new Aedat4BodyError(s, 'an LZ4 block size or end mark', END_OF_BODY);
      const word = u32(src, s);
      s += 4;
      if (word === 0) break;
      const size = (word & ~BLOCK_UNCOMPRESSED) >>> 0;
      if (size > blockMax) throw new Aedat4BodyError(s - 4, `LZ4 block size <= ${blockMax}`, `${size}`);
      if (s + size + blockSum > src.length) throw new Aedat4BodyError(s, `${size} block bytes`, END_OF_BODY);
      if ((word & BLOCK_UNCOMPRESSED) !== 0) {
        if (d + size > maxBytes) throw new Aedat4BodyError(s, `output <= ${maxBytes} bytes`, 'more');
        this.ensure(d, d + size);
        this.scratch.bytes.set(src.subarray(s, s + size), d);
        d += size;
      } else {
        d = this.block(src, sv, s, size, d, Math.min(d + blockMax, maxBytes));
      }
      s += size + blockSum;
    }
    if (flg & FLG_CONTENT_CHECKSUM) s += 4;
    if (s > src.length) throw new Aedat4BodyError(s - 4, 'a content checksum', END_OF_BODY);
    if (contentSize >= 0 && d !== contentSize) {
      throw new Aedat4BodyError(s, `${contentSize} decompressed bytes (declared)`, `${d}`);
    }
    return { bytes: this.scratch.bytes.subarray(0, d), consumed: s };
  }

  /**
   * Decodes a compressed block with output room guessed from its size (DV packets compress ~2:1),
   * growing and retrying up to `hard` when that is not enough: the scratch tracks real output,
   * not the 4 MiB a block may declare.
   */
  private block(src: Uint8Array, sv: DataView, s: number, size: number, d: number, hard: number): number {
    for (let cap = Math.min(hard, d + GUESS_RATIO * size + SHORT_COPY); ; cap = Math.min(hard, d + GUESS_RATIO * (cap - d))) {
      this.ensure(d, cap);
      const end = decodeBlock(src, sv, s, s + size, this.scratch, d, cap);
      if (end >= 0) return end;
      if (cap >= hard) throw new Aedat4BodyError(s, `output <= ${hard} bytes`, 'more');
    }
  }

  /** Grows the scratch to hold `need` bytes plus slack, keeping the first `keep` (capacity doubles). */
  private ensure(keep: number, need: number): void {
    const old = this.scratch.bytes;
    if (need + SLACK <= old.length) return;
    const grown = new Uint8Array(Math.max(need, Math.min(old.length * 2, need * 2)) + SLACK);
    grown.set(old.subarray(0, keep));
    this.scratch = { bytes: grown, view: new DataView(grown.buffer) };
  }
}

/**
 * Decodes one LZ4 block `src[s, sEnd)` into `out.bytes` at `d`, never producing bytes at or past
 * `limit`. Short literal runs and matches are copied 4 bytes at a time through DataViews (writing
 * up to {@link SLACK} bytes past the end of the copy, which the scratch has room for and later
 * output overwrites): sequences in DV event packets average ~8 bytes, so per-byte loops dominate.
 * @returns the new output position, or -1 when the output would pass `limit`.
 * @throws Aedat4BodyError on a malformed sequence.
 */
function decodeBlock(src: Uint8Array, sv: DataView, s: number, sEnd: number, out: Scratch, d: number, limit: number): number {
  const dst = out.bytes;
  const dv = out.view;
  const wordsEnd = src.length - WORD_COPY; // literal word copies may read this far
  while (s < sEnd) {
    const token = src[s++]!;
    let lit = token >>> 4;
    if (lit !== 0) {
      if (lit === RUN_MASK) lit += extraLength(src, s, sEnd), s += extraBytes(src, s, sEnd);
      const e = s + lit;
      if (e > sEnd) throw new Aedat4BodyError(s, `${lit} literals within the block`, 'more');
      if (d + lit > limit) return -1;
      if (lit <= WORD_COPY && s <= wordsEnd) {
        dv.setUint32(d, sv.getUint32(s, true), true);
        dv.setUint32(d + 4, sv.getUint32(s + 4, true), true);
        d += lit;
      } else if (lit < SHORT_COPY) {
        for (let i = s; i < e;) dst[d++] = src[i++]!;
      } else {
        dst.set(src.subarray(s, e), d);
        d += lit;
      }
      s = e;
      if (s === sEnd) break; // the last sequence has literals only
    }
    if (s + 2 > sEnd) throw new Aedat4BodyError(s, 'an LZ4 match offset', END_OF_BODY);
    const off = src[s]! | (src[s + 1]! << 8);
    s += 2;
    let len = token & RUN_MASK;
    if (len === RUN_MASK) len += extraLength(src, s, sEnd), s += extraBytes(src, s, sEnd);
    len += MIN_MATCH;
    const e = d + len;
    if (off === 0 || off > d) throw new Aedat4BodyError(s, `a match within 1..${d} bytes back`, `offset ${off}`);
    if (e > limit) return -1;
    let m = d - off;
    if (off >= 4 && len <= SLACK) {
      // 4-byte steps read only bytes already written when off >= 4, so overlaps repeat correctly
      for (; d < e; d += 4, m += 4) dv.setUint32(d, dv.getUint32(m, true), true);
      d = e;
    } else if (off >= len && len >= SHORT_COPY) {
      dst.copyWithin(d, m, m + len);
      d = e;
    } else {
      while (d < e) dst[d++] = dst[m++]!;
    }
  }
  return d;
}

/** The value of the extra length bytes (255, 255, …, last < 255) at `s`. */
function extraLength(src: Uint8Array, s: number, sEnd: number): number {
  let sum = 0;
  for (let b = 255; b === 255; sum += b) {
    if (s >= sEnd) throw new Aedat4BodyError(s, 'an LZ4 length byte', END_OF_BODY);
    b = src[s++]!;
  }
  return sum;
}

/** How many extra length bytes start at `s` (called after {@link extraLength} checked them). */
function extraBytes(src: Uint8Array, s: number, sEnd: number): number {
  let n = 1;
  while (s + n - 1 < sEnd && src[s + n - 1] === 255) n++;
  return n;
}

function hex4(b: Uint8Array): string {
  return Array.from(b.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ');
}
