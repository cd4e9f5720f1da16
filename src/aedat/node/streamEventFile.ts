import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
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
 * the output of `end()`. Stops after the first output that carries an error.
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
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const out = decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      yield out;
      if (out.error) return;
    }
    yield decoder.end();
  } finally {
    stream.destroy();
  }
}

/** Decodes a whole file into memory (for small files and tests; stream long recordings instead). */
export async function readEventFile(path: string, opts: FileReadOptions = {}): Promise<DecodedFile> {
  const { decoder, outputs } = streamEventFile(path, opts);
  const all: DecodeOutput[] = [];
  for await (const out of outputs) all.push(out);
  return collectOutputs(decoder, all);
}
