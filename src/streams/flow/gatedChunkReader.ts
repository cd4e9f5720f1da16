import { type Subscription, filter, take } from 'rxjs';
import type { ChunkReader } from '../ChunkReader.js';
import type { Valve } from './Valve.js';

/**
 * A {@link ChunkReader} that reads only while `valve` is open: a read asked for while it is
 * closed waits until it opens. With `replayChunks` (which reads the next chunk only after the
 * previous one's batches were delivered) this makes a file replay lossless against a slow
 * consumer: the consumer's queue holds at most its high-water mark plus one chunk's batches.
 * @example
 * replayChunks(() => gatedChunkReader(fileChunkReader(path), valve), { fileName: path })
 */
export function gatedChunkReader(reader: ChunkReader, valve: Valve): ChunkReader {
  let waiting: Subscription | null = null;
  return {
    read(done) {
      if (valve.isOpen) return reader.read(done);
      waiting = valve.open$.pipe(filter(Boolean), take(1)).subscribe(() => {
        waiting = null;
        reader.read(done);
      });
    },
    rewind: () => reader.rewind(),
    close() {
      waiting?.unsubscribe();
      waiting = null;
      reader.close();
    },
  };
}
