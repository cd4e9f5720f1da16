import { open } from 'node:fs/promises';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { type Aedat4WriterOptions, createAedat4Writer } from '../aedat4/Aedat4Writer.js';
import { nativeZstdCompressor } from './nativeCompressors.js';

/**
 * Streams batches into an AEDAT 4.0 file at `path` in bounded memory (one packet at a time), then
 * patches the IOHeader's dataTablePosition in place. For `zstd` the native `zstd-napi` compressor
 * is used unless `opts.compressor` is given.
 * @returns bytes written.
 * @throws ConfigError on bad options or events, or `zstd` without zstd-napi or a compressor;
 *   Node's fs errors (the file is left partial).
 */
export async function writeAedat4File(
  path: string,
  batches: Iterable<EventBatch> | AsyncIterable<EventBatch>,
  opts: Aedat4WriterOptions,
): Promise<number> {
  let compressor = opts.compressor;
  if (compressor === undefined && opts.compression === 'zstd') {
    compressor = nativeZstdCompressor() ?? undefined;
    if (compressor === undefined) throw new ConfigError('zstd needs the optional zstd-napi package or a compressor');
  }
  const w = createAedat4Writer(compressor === undefined ? opts : { ...opts, compressor });
  const file = await open(path, 'w');
  try {
    let size = 0;
    const put = async (b: Uint8Array) => {
      await file.write(b);
      size += b.length;
    };
    await put(w.start());
    for await (const batch of batches) for (const p of w.write(batch)) await put(p);
    const { tail, patch } = w.finish();
    await put(tail);
    await file.write(patch.bytes, 0, patch.bytes.length, patch.offset);
    return size;
  } finally {
    await file.close();
  }
}
