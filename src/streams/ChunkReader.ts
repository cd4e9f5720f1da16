/**
 * A pull source of byte chunks: the next chunk is read only when asked, so nothing is read
 * ahead. {@link fileChunkReader} reads a file; {@link bytesChunkReader} serves memory (tests).
 */
export interface ChunkReader {
  /**
   * Reads the next chunk and calls `done` once (possibly synchronously) with fresh bytes that
   * the reader never touches again, an empty array at the end of input, or an error.
   */
  read(done: (err: Error | null, chunk: Uint8Array) => void): void;
  /** Starts again from the first byte (for loops). */
  rewind(): void;
  /** Releases the input; an in-flight read is discarded (its callback is not called). Idempotent. */
  close(): void;
}
