import { type Command, Option } from 'commander';
import type { EventBatch, SensorSize } from '../events/EventBatch.js';
import { type DecodeError, SpikeguardError } from '../errors.js';
import type { Aedat4Compression } from '../aedat/aedat4/Aedat4Writer.js';
import { type FileReadOptions, streamEventFile } from '../aedat/node/streamEventFile.js';
import { writeAedat4File } from '../aedat/node/writeAedat4File.js';
import { writeAtomically } from './atomicOutput.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';
import { reportEnding } from './ending.js';
import { checkInputFile } from './inputFile.js';
import { sensorFromEvents, storedSensor } from './sensorSize.js';

/** The conversion was interrupted (Ctrl-C): the partial output was removed. */
export class InterruptedError extends SpikeguardError {
  override readonly name: string = 'InterruptedError';
}

type ConvertFlags = DecoderFlags & { compression: Aedat4Compression };

/** Registers `spikeguard convert IN OUT.aedat4 [--compression lz4|zstd|none]`. */
export function registerConvert(program: Command): void {
  withDecoderOptions(
    program
      .command('convert')
      .description('rewrite any readable event file as AEDAT 4.0, streaming in bounded memory')
      .argument('<in>', 'input event file')
      .argument('<out>', 'output .aedat4 file')
      .addOption(new Option('--compression <codec>', 'packet compression').choices(['lz4', 'zstd', 'none']).default('lz4')),
  ).action(async (input: string, output: string, flags: ConvertFlags) => {
    const interrupted = new AbortController();
    const interrupt = () => interrupted.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const r = await convertFile(input, output, flags, (m) => process.stderr.write(`${m}\n`), interrupted.signal)
      .finally(() => {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      });
    process.stderr.write(`${output}: ${r.events} events, ${r.bytes} bytes (${flags.compression})\n`);
    reportEnding(r.error, 'events before it were written');
  });
}

/**
 * Converts `input` to AEDAT 4.0 at `output`, written under a temporary name and renamed when
 * complete (nothing is left at `output` on failure). The sensor size is the input's, `--sensor`,
 * or, for a file that stores none, the extent of its events (a first pass; said through `log`).
 * A decode fault stops the conversion with a valid file holding every event before it.
 * @throws InterruptedError when `signal` aborts (nothing is left at `output`); ConfigError when `output` is `input` (by any path) or a directory; the input's detection
 *   error (empty or unrecognised file); fs errors.
 */
async function convertFile(
  input: string,
  output: string,
  flags: ConvertFlags,
  log: (message: string) => void = () => undefined,
  signal?: AbortSignal,
): Promise<{ events: number; bytes: number; error: DecodeError | undefined }> {
  await checkInputFile(input);
  const opts = decoderOptionsFrom(flags);
  return writeAtomically(output, [input], async (tempPath) => {
    const sensor = await sensorOf(input, opts, log);
    const state = { events: 0, error: undefined as DecodeError | undefined };
    async function* batches(): AsyncGenerator<EventBatch> {
      for await (const out of streamEventFile(input, opts).outputs) {
        if (signal?.aborted) throw new InterruptedError(`${output}: interrupted; nothing was written`);
        state.events += out.events.t.length;
        state.error ??= out.error;
        if (out.events.t.length > 0) yield out.events;
      }
    }
    const bytes = await writeAedat4File(tempPath, batches(), { ...sensor, compression: flags.compression });
    return { events: state.events, bytes, error: state.error };
  });
}

async function sensorOf(input: string, opts: FileReadOptions, log: (message: string) => void): Promise<SensorSize> {
  const stored = await storedSensor(input, opts);
  if (stored.size !== null) return stored.size;
  const size = await sensorFromEvents(input, opts);
  log(`${input}: the file (${stored.format}) stores no sensor size; using ${size.width}x${size.height}, the extent of its events (pass --sensor WxH to choose)`);
  return size;
}
