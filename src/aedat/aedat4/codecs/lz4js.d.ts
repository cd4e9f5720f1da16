// Types for the parts of `lz4js` (ISC, pure JS) the AEDAT 4.0 writer uses.
declare module 'lz4js' {
  /** Compresses `src` into one LZ4 frame (4 MiB blocks, no checksums). */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** Decompresses one LZ4 frame (unbounded: not used on untrusted input). */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
}
