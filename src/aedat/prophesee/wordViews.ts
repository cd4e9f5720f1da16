/**
 * Little-endian word views over byte ranges. Typed-array views are the fastest way to read
 * words in V8, but they need an aligned offset and a little-endian host; otherwise the bytes are
 * copied (or assembled) into reused scratch memory, which costs far less than the decode itself.
 */

const HOST_IS_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reusable scratch for unaligned input (one per decoder, grown as needed). */
export class WordScratch {
  private buf = new ArrayBuffer(0);

  /** A scratch buffer of at least `bytes` bytes (contents undefined). */
  take(bytes: number): ArrayBuffer {
    if (this.buf.byteLength < bytes) this.buf = new ArrayBuffer(Math.max(bytes, this.buf.byteLength * 2));
    return this.buf;
  }
}

/** `bytes` (length a multiple of 4) as LE uint32 words. */
export function words32(bytes: Uint8Array, scratch: WordScratch): Uint32Array {
  const n = bytes.length >>> 2;
  if (HOST_IS_LE && bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, n);
  const out = new Uint32Array(scratch.take(n * 4), 0, n);
  if (HOST_IS_LE) {
    new Uint8Array(out.buffer, 0, n * 4).set(bytes);
    return out;
  }
  for (let i = 0, b = 0; i < n; i++, b += 4) {
    out[i] = (bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24)) >>> 0;
  }
  return out;
}

/** `bytes` (length a multiple of 2) as LE uint16 words. */
export function words16(bytes: Uint8Array, scratch: WordScratch): Uint16Array {
  const n = bytes.length >>> 1;
  if (HOST_IS_LE && bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  const out = new Uint16Array(scratch.take(n * 2), 0, n);
  if (HOST_IS_LE) {
    new Uint8Array(out.buffer, 0, n * 2).set(bytes);
    return out;
  }
  for (let i = 0, b = 0; i < n; i++, b += 2) out[i] = bytes[b]! | (bytes[b + 1]! << 8);
  return out;
}
