import { Aedat4BodyError, END_OF_BODY } from './CodecError.js';

const MIN_MATCH = 4;
const RUN_MASK = 15;
/** Literal runs and matches shorter than this are copied by loops (cheaper than a call). */
const SHORT_COPY = 16;
/** Literal runs up to this length are copied as two 4-byte words. */
const WORD_COPY = 8;
/** Spare bytes after the output limit that word copies may overwrite. */
export const LZ4_SLACK = 16;

/**
 * The faults an LZ4 block can have, shared by the JS decoder below and the WebAssembly one
 * (wasm/Lz4WasmDecoder.ts), so both report the same error. `at` is a body position.
 */
export const lz4BlockErrors = {
  lengthByte: (at: number) => new Aedat4BodyError(at, 'an LZ4 length byte', END_OF_BODY),
  literals: (at: number, lit: number) => new Aedat4BodyError(at, `${lit} literals within the block`, 'more'),
  offsetMissing: (at: number) => new Aedat4BodyError(at, 'an LZ4 match offset', END_OF_BODY),
  offset: (at: number, d: number, off: number) => new Aedat4BodyError(at, `a match within 1..${d} bytes back`, `offset ${off}`),
  /** A block decoding to more than `hard` bytes of frame output (`at` is the block start). */
  overflow: (at: number, hard: number) => new Aedat4BodyError(at, `output <= ${hard} bytes`, 'more'),
} as const;

/** Output of the JS block decoder: a byte buffer with a DataView on it (rebuilt on growth). */
export interface Lz4Scratch {
  bytes: Uint8Array;
  view: DataView;
}

/**
 * Decodes one LZ4 block `src[s, sEnd)` into `out.bytes` at `d`, never producing bytes at or past
 * `limit`. Short literal runs and matches are copied 4 bytes at a time through DataViews (writing
 * up to {@link LZ4_SLACK} bytes past the end of the copy, which the scratch has room for and later
 * output overwrites): sequences in DV event packets average ~8 bytes, so per-byte loops dominate.
 * The reference for the WebAssembly decoder (lz4.wat), which checks in the same order.
 * @returns the new output position, or -1 when the output would pass `limit`.
 * @throws Aedat4BodyError on a malformed sequence.
 */
export function decodeBlock(src: Uint8Array, sv: DataView, s: number, sEnd: number, out: Lz4Scratch, d: number, limit: number): number {
  const dst = out.bytes;
  const dv = out.view;
  const wordsEnd = src.length - WORD_COPY; // literal word copies may read this far
  while (s < sEnd) {
    const token = src[s++]!;
    let lit = token >>> 4;
    if (lit !== 0) {
      if (lit === RUN_MASK) lit += extraLength(src, s, sEnd), s += extraBytes(src, s, sEnd);
      const e = s + lit;
      if (e > sEnd) throw lz4BlockErrors.literals(s, lit);
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
    if (s + 2 > sEnd) throw lz4BlockErrors.offsetMissing(s);
    const off = src[s]! | (src[s + 1]! << 8);
    s += 2;
    let len = token & RUN_MASK;
    if (len === RUN_MASK) len += extraLength(src, s, sEnd), s += extraBytes(src, s, sEnd);
    len += MIN_MATCH;
    const e = d + len;
    if (off === 0 || off > d) throw lz4BlockErrors.offset(s, d, off);
    if (e > limit) return -1;
    let m = d - off;
    if (off >= 4 && len <= LZ4_SLACK) {
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
    if (s >= sEnd) throw lz4BlockErrors.lengthByte(s);
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
