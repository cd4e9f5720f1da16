import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { DecodeOutput, EventDecoder } from '../core/types.js';
import { collectOutputs, type DecodedFile } from '../decodeAll.js';
import { openDecoder, type OpenDecoderOptions } from '../openDecoder.js';

/** Options for reading event files from disk. */
export interface FileReadOptions extends OpenDecoderOptions {
  /** Bytes read per chunk (default 1 MiB). */
  readonly chunkBytes?: number;
}

/**
 * Streams an event file through a decoder in bounded memory: yields each chunk's output, then
 * the output of `end()`. Stops after the first output that carries an error. The generator
 * throws a ConfigError naming `path` when the file cannot be read (missing, a directory, ...).
 *
 * @example
 * const { decoder, outputs } = streamEventFile('rec.aedat4');
 * for await (const out of outputs) consume(out.events);
 */
export function streamEventFile(
  path: string,
  opts: FileReadOptions = {},
): { decoder: EventDecoder; outputs: AsyncGenerator<DecodeOutput> } {
  const decoder = openDecoder({ fileName: basename(path), ...opts });
  return { decoder, outputs: decodeStream(decoder, path, opts.chunkBytes ?? 1 << 20) };
}

async function* decodeStream(decoder: EventDecoder, path: string, chunkBytes: number): AsyncGenerator<DecodeOutput> {
  for await (const chunk of readChunks(path, chunkBytes)) {
    const out = decoder.push(chunk);
    yield out;
    if (out.error) return;
  }
  yield decoder.end();
}

/** The file's bytes in chunks. @throws ConfigError naming the path when the file cannot be read. */
async function* readChunks(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (e) {
    throw unreadable(path, e);
  } finally {
    stream.destroy();
  }
}

/** Node's read errors do not all name the file (EISDIR says only "illegal operation on a directory, read"). */
function unreadable(path: string, e: unknown): ConfigError {
  const { code = 'EIO', message } = e as NodeJS.ErrnoException;
  const why = code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'no such file' : message;
  return new ConfigError(`cannot read event file ${JSON.stringify(path)}: ${code} (${why})`, { cause: e });
}

/**
 * Decodes a whole file into memory (for small files and tests; stream long recordings instead).
 * A decoding fault is in the result's `error` (with the events before it).
 * @throws ConfigError naming `path` when the file cannot be read.
 */
export async function readEventFile(path: string, opts: FileReadOptions = {}): Promise<DecodedFile> {
  const { decoder, outputs } = streamEventFile(path, opts);
  const all: DecodeOutput[] = [];
  for await (const out of outputs) all.push(out);
  return collectOutputs(decoder, all);
}
