import { type Command, Option } from 'commander';
import type { EventBatch } from '../events/EventBatch.js';
import type { DecodeError } from '../errors.js';
import type { DecodeOutput, EventDecoder } from '../aedat/core/types.js';
import type { Aedat4Compression } from '../aedat/aedat4/Aedat4Writer.js';
import { streamEventFile } from '../aedat/node/streamEventFile.js';
import { writeAedat4File } from '../aedat/node/writeAedat4File.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';

/** Registers `spikeguard convert IN OUT.aedat4 [--compression lz4|zstd|none]`. */
export function registerConvert(program: Command): void {
  withDecoderOptions(
    program
      .command('convert')
      .description('rewrite any readable event file as AEDAT 4.0, streaming in bounded memory')
      .argument('<in>', 'input event file')
      .argument('<out>', 'output .aedat4 file')
      .addOption(new Option('--compression <codec>', 'packet compression').choices(['lz4', 'zstd', 'none']).default('lz4')),
  ).action(async (input: string, output: string, flags: DecoderFlags & { compression: Aedat4Compression }) => {
    const r = await convertFile(input, output, flags);
    process.stderr.write(`${output}: ${r.events} events, ${r.bytes} bytes (${flags.compression})\n`);
    if (r.error) {
      const truncated = r.error.name === 'TruncatedInputError';
      process.stderr.write(`${truncated ? 'warning' : 'error'}: ${r.error.message} (events before it were written)\n`);
      if (!truncated) process.exitCode = 1;
    }
  });
}

/**
 * Converts `input` to AEDAT 4.0 at `output`. The sensor size is the input's (or `--sensor`);
 * a decode fault stops the conversion with a valid file holding every event before it.
 */
export async function convertFile(
  input: string,
  output: string,
  flags: DecoderFlags & { compression: Aedat4Compression },
): Promise<{ events: number; bytes: number; error: DecodeError | undefined }> {
  const { decoder, outputs } = streamEventFile(input, decoderOptionsFrom(flags));
  const state = { events: 0, error: undefined as DecodeError | undefined };
  const first = await outputs.next();
  const head: DecodeOutput[] = first.done ? [] : [first.value];
  const sensor = sensorOf(decoder, head[0]);
  async function* batches(): AsyncGenerator<EventBatch> {
    for (const out of head) yield* take(out);
    for await (const out of outputs) yield* take(out);
  }
  function* take(out: DecodeOutput): Generator<EventBatch> {
    state.events += out.events.t.length;
    state.error ??= out.error;
    if (out.events.t.length > 0) yield out.events;
  }
  const bytes = await writeAedat4File(output, batches(), { ...sensor, compression: flags.compression });
  return { events: state.events, bytes, error: state.error };
}

function sensorOf(decoder: EventDecoder, first: DecodeOutput | undefined): { width: number; height: number } {
  const h = decoder.header;
  if (h?.width && h.height) return { width: h.width, height: h.height };
  // The file does not store its size: the batches carry the format's coordinate range.
  return { width: first?.events.width || 1, height: first?.events.height || 1 };
}
