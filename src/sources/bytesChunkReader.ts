import type { ChunkReader } from '../streams/ChunkReader.js';

/**
 * A {@link ChunkReader} over bytes in memory, `chunkBytes` per read, calling back synchronously
 * (so sources over it run inside an RxJS `TestScheduler.run`). Each chunk is a copy.
 *
 * @example
 * replayChunks(() => bytesChunkReader(bytes, 4096), { fileName: 'a.bin', pace: 'max' })
 */
export function bytesChunkReader(bytes: Uint8Array, chunkBytes = 65_536): ChunkReader {
  let at = 0;
  let closed = false;
  const step = Math.max(1, Math.floor(chunkBytes));
  return {
    read(done) {
      if (closed) return;
      const chunk = bytes.slice(at, at + step);
      at += chunk.length;
      done(null, chunk);
    },
    rewind() { at = 0; },
    close() { closed = true; },
  };
}
