/** Compression of an AEDAT 4.0 file, as the IOHeader's `CompressionType` enum (0..4). */
export const COMPRESSION_NAMES = ['NONE', 'LZ4', 'LZ4_HIGH', 'ZSTD', 'ZSTD_HIGH'] as const;
export type CompressionName = (typeof COMPRESSION_NAMES)[number];

/**
 * Turns one packet body (or the FileDataTable) back into its size-prefixed flatbuffer.
 * Implementations bound their output by `maxBytes` before allocating it and while decoding.
 */
export interface BodyDecompressor {
  /**
   * @param body the stored bytes: exactly one compressed frame (trailing bytes are reported in
   *   `consumed`, the caller decides whether they are an error).
   * @param maxBytes largest decompressed size accepted.
   * @returns the decompressed bytes (may be a view on scratch memory that the next call reuses,
   *   or, for the WebAssembly LZ4 decoder, that the next call of any decoder reuses or detaches)
   *   and how many input bytes the frame took.
   * @throws Aedat4BodyError on a malformed frame or an output above `maxBytes`.
   */
  decompress(body: Uint8Array, maxBytes: number): { bytes: Uint8Array; consumed: number };
}

/** Compresses one packet body into one frame of the file's codec. */
export type BodyCompressor = (raw: Uint8Array) => Uint8Array;
