import { type FileHandle, open } from 'node:fs/promises';
import { type Aedat4Compression, type Aedat4Writer, createAedat4Writer } from '../aedat/aedat4/Aedat4Writer.js';
import type { FileHeader } from '../aedat/core/types.js';
import { nativeZstdCompressor } from '../aedat/node/nativeCompressors.js';
import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import type { AtomicOutput } from './atomicOutput.js';

/**
 * The AEDAT 4.0 file `record` writes: its temporary file is opened before connecting (so a bad
 * output path fails first), the writer starts when the stream's IOHeader gives the sensor size,
 * and writes are sequential (each awaited by the caller), so no promise is ever left unobserved.
 */
export class Recording {
  events = 0;
  bytes = 0;
  private writer: Aedat4Writer | null = null;
  private head: Uint8Array | null = null;

  private constructor(private readonly out: AtomicOutput, private readonly file: FileHandle, private readonly compression: Aedat4Compression) {}

  /**
   * Opens the temporary file of `out`.
   * @throws ConfigError for zstd without zstd-napi; fs errors (ENOENT, EACCES, …).
   */
  static async create(out: AtomicOutput, compression: Aedat4Compression): Promise<Recording> {
    if (compression === 'zstd' && nativeZstdCompressor() === null) throw new ConfigError('zstd needs the optional zstd-napi package');
    return new Recording(out, await open(out.tempPath, 'wx'), compression);
  }

  /** True once the IOHeader arrived. */
  get started(): boolean {
    return this.writer !== null;
  }

  /** Starts the file with the stream's sensor size (only the first call counts). */
  begin(h: FileHeader): void {
    if (this.writer !== null) return;
    const compressor = this.compression === 'zstd' ? nativeZstdCompressor() ?? undefined : undefined;
    this.writer = createAedat4Writer({ width: h.width ?? 1, height: h.height ?? 1, compression: this.compression, ...(compressor ? { compressor } : {}) });
    this.head = this.writer.start();
  }

  async write(b: EventBatch): Promise<void> {
    if (this.writer === null) throw new ConfigError('record: events arrived before the AEDAT 4.0 header');
    this.events += b.t.length;
    for (const p of this.writer.write(b)) await this.put(p);
  }

  /** Writes the last packet and the FileDataTable, patches the IOHeader and renames the file into place. */
  async finish(): Promise<void> {
    if (this.writer === null) throw new ConfigError('record: no AEDAT 4.0 header arrived');
    const { tail, patch } = this.writer.finish();
    await this.put(tail);
    await this.file.write(patch.bytes, 0, patch.bytes.length, patch.offset);
    await this.file.close();
    await this.out.commit();
  }

  /** Closes and removes the temporary file (nothing is left at the output path); never throws. */
  async discard(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await this.out.abort();
  }

  private async put(b: Uint8Array): Promise<void> {
    if (this.head !== null) {
      const head = this.head;
      this.head = null;
      await this.put(head);
    }
    await this.file.write(b);
    this.bytes += b.length;
  }
}
