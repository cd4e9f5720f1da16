import { Decompress, decompress } from 'fzstd';
import { Aedat4BodyError, END_OF_BODY } from './CodecError.js';
import type { BodyDecompressor } from './Codec.js';

/** Zstandard frame format (RFC 8878 §3.1). */
const ZSTD_MAGIC = 0xfd2fb528;
const FHD_RESERVED = 0x08;
const FHD_SINGLE_SEGMENT = 0x20;
const FHD_CHECKSUM = 0x04;
const BLOCK_RAW = 0;
const BLOCK_RLE = 1;
const BLOCK_RESERVED = 3;
/** Block_Maximum_Size: no block decodes to more (RFC 8878 §3.1.1.2.3). */
const MAX_BLOCK_BYTES = 128 * 1024;
const FCS_BYTES = [0, 2, 4, 8] as const;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;

/** What the frame header and a walk over the block headers tell before decoding. */
interface ZstdFrameInfo {
  /** Declared content size, or -1 when absent. */
  readonly contentSize: number;
  readonly windowBytes: number;
  /** Bytes the whole frame takes (header, blocks, checksum). */
  readonly frameBytes: number;
}

function readLe(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i]!;
  return v;
}

/**
 * Parses a Zstandard frame header and walks its block headers (no decoding).
 * @throws Aedat4BodyError when the frame is malformed, truncated or uses a dictionary.
 */
function inspectZstdFrame(src: Uint8Array): ZstdFrameInfo {
  if (src.length < 6) throw new Aedat4BodyError(src.length, 'a Zstandard frame header', END_OF_BODY);
  if (readLe(src, 0, 4) !== ZSTD_MAGIC) throw new Aedat4BodyError(0, 'the Zstandard magic 28 b5 2f fd', `${readLe(src, 0, 4)}`);
  const fhd = src[4]!;
  if (fhd & FHD_RESERVED) throw new Aedat4BodyError(4, 'frame header reserved bit 0', `FHD ${fhd}`);
  const single = (fhd & FHD_SINGLE_SEGMENT) !== 0;
  let s = 5;
  let windowBytes = 0;
  if (!single) {
    const wd = src[s++]!;
    const base = 2 ** (10 + (wd >> 3));
    windowBytes = base + (base / 8) * (wd & 7);
  }
  const dictBytes = DICT_ID_BYTES[fhd & 3]!;
  if (dictBytes > 0 && readLe(src, s, dictBytes) !== 0) throw new Aedat4BodyError(s, 'no dictionary', 'a dictionary id');
  s += dictBytes;
  const fcsBytes = (fhd >> 6) === 0 ? (single ? 1 : 0) : FCS_BYTES[fhd >> 6]!;
  if (s + fcsBytes > src.length) throw new Aedat4BodyError(s, 'a frame content size', END_OF_BODY);
  const contentSize = fcsBytes === 0 ? -1 : readLe(src, s, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
  if (single) windowBytes = contentSize;
  s += fcsBytes;
  for (let last = 0; last === 0;) {
    if (s + 3 > src.length) throw new Aedat4BodyError(s, 'a Zstandard block header', END_OF_BODY);
    const h = readLe(src, s, 3);
    last = h & 1;
    const type = (h >> 1) & 3;
    const size = h >>> 3;
    if (type === BLOCK_RESERVED || size > MAX_BLOCK_BYTES) {
      throw new Aedat4BodyError(s, 'a block of type 0..2 and size <= 128 KiB', `type ${type}, size ${size}`);
    }
    const blockAt = s;
    s += 3 + (type === BLOCK_RLE ? 1 : size);
    // Named at the header that announced it: `s` itself may now lie past the body.
    if (s > src.length) throw new Aedat4BodyError(blockAt, `a block of ${s - blockAt} bytes (header included)`, END_OF_BODY);
  }
  if (fhd & FHD_CHECKSUM) s += 4;
  if (s > src.length) throw new Aedat4BodyError(src.length, `a ${s}-byte Zstandard frame`, END_OF_BODY);
  return { contentSize, windowBytes, frameBytes: s };
}

/**
 * A bounded Zstandard frame decoder on top of `fzstd` (pure JS). The declared content size and
 * window are checked against `maxBytes` before fzstd allocates anything; frames without a
 * content size are decoded block by block and refused as soon as the output passes `maxBytes`.
 */
export class ZstdFrameDecoder implements BodyDecompressor {
  /** @throws Aedat4BodyError on a malformed frame or output above `maxBytes`. */
  decompress(src: Uint8Array, maxBytes: number): { bytes: Uint8Array; consumed: number } {
    const info = inspectZstdFrame(src);
    if (info.contentSize > maxBytes || info.windowBytes > maxBytes) {
      const what = info.contentSize > maxBytes ? `content size ${info.contentSize}` : `window ${info.windowBytes}`;
      throw new Aedat4BodyError(4, `decompressed size and window <= ${maxBytes}`, what);
    }
    const frame = src.subarray(0, info.frameBytes);
    try {
      // Without an output buffer fzstd allocates exactly the (checked) content size. Passing one
      // is slower by far: its header reader compares the buffer with `== 1`, i.e. stringifies it.
      const bytes = info.contentSize >= 0 ? decompress(frame) : streamBounded(frame, maxBytes);
      if (info.contentSize >= 0 && bytes.length !== info.contentSize) {
        throw new Aedat4BodyError(0, `${info.contentSize} decompressed bytes (declared)`, `${bytes.length}`);
      }
      return { bytes, consumed: info.frameBytes };
    } catch (e) {
      if (e instanceof Aedat4BodyError) throw e;
      throw new Aedat4BodyError(0, 'a valid Zstandard frame', e instanceof Error ? e.message : String(e));
    }
  }
}

/** Decodes a frame without a declared size, refusing output past `maxBytes` as it comes. */
function streamBounded(frame: Uint8Array, maxBytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const dec = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new Aedat4BodyError(0, `decompressed size <= ${maxBytes}`, 'more');
    parts.push(chunk);
  });
  dec.push(frame, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Wraps bytes into a valid Zstandard frame made of raw (stored) blocks: pure JS, readable by any
 * zstd decoder, but not smaller than its input. The writer's default for `zstd` where no native
 * compressor is given (e.g. in a browser); Node callers get real compression from
 * `src/aedat/node/nativeCompressors.ts`.
 */
export function zstdStoredFrame(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / MAX_BLOCK_BYTES));
  const head = 9; // magic, FHD (single segment, 4-byte content size), content size
  const out = new Uint8Array(head + 3 * blocks + raw.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, ZSTD_MAGIC, true);
  out[4] = 0x80 | FHD_SINGLE_SEGMENT; // FCS flag 2 = 4 bytes
  dv.setUint32(5, raw.length, true);
  let d = head;
  for (let b = 0; b < blocks; b++) {
    const from = b * MAX_BLOCK_BYTES;
    const size = Math.min(MAX_BLOCK_BYTES, raw.length - from);
    const h = (size << 3) | (BLOCK_RAW << 1) | (b === blocks - 1 ? 1 : 0);
    out[d] = h & 0xff;
    out[d + 1] = (h >> 8) & 0xff;
    out[d + 2] = (h >> 16) & 0xff;
    out.set(raw.subarray(from, from + size), d + 3);
    d += 3 + size;
  }
  return out;
}
