import { close as closeFd, closeSync, open, read } from 'node:fs';
import type { ChunkReader } from '../streams/ChunkReader.js';
import { FileReadError } from './FileReadError.js';

/** A {@link ChunkReader} over a file, with what it did so far (for metrics and tests). */
export interface FileChunkReader extends ChunkReader {
  /** True while the file descriptor is open (it opens on the first read). */
  readonly isOpen: boolean;
  readonly chunksRead: number;
  readonly bytesRead: number;
}

/**
 * Reads a file in chunks of at most `chunkBytes` with `fs.read` on one descriptor, only when
 * asked: one read in flight at most, nothing read ahead. Each chunk is a fresh buffer (decoders
 * keep chunks by reference). The file opens on the first `read`; `close` closes it at once, or
 * when the in-flight read returns (whose result is then dropped).
 *
 * @throws nothing: open/read failures reach `read`'s callback as a {@link FileReadError}.
 * @example
 * const r = fileChunkReader('rec.raw', 1 << 18);
 * r.read((err, chunk) => { ... });
 */
export function fileChunkReader(path: string, chunkBytes = 262_144): FileChunkReader {
  const size = Math.max(1, Math.floor(chunkBytes));
  let fd: number | null = null;
  let busy = false;
  let closed = false;
  let position = 0;
  let chunksRead = 0;
  let bytesRead = 0;
  const fail = (e: NodeJS.ErrnoException): FileReadError => new FileReadError(path, e.code ?? 'EIO', e);

  function release(): void {
    if (fd !== null) closeSync(fd);
    fd = null;
  }

  function readAt(handle: number, done: (err: Error | null, chunk: Uint8Array) => void): void {
    const buf = new Uint8Array(size);
    read(handle, buf, 0, size, position, (err, n) => {
      busy = false;
      if (closed) return release();
      if (err) return done(fail(err), new Uint8Array(0));
      position += n;
      chunksRead++;
      bytesRead += n;
      done(null, n === size ? buf : buf.slice(0, n));
    });
  }

  return {
    get isOpen() { return fd !== null; },
    get chunksRead() { return chunksRead; },
    get bytesRead() { return bytesRead; },
    read(done) {
      if (closed || busy) return;
      busy = true;
      if (fd !== null) return readAt(fd, done);
      open(path, 'r', (err, handle) => {
        if (closed) { busy = false; if (!err) closeFd(handle, () => undefined); return; }
        if (err) { busy = false; return done(fail(err), new Uint8Array(0)); }
        fd = handle;
        readAt(handle, done);
      });
    },
    rewind() { position = 0; },
    close() {
      if (closed) return;
      closed = true;
      if (!busy) release();
    },
  };
}
