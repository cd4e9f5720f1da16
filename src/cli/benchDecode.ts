import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { openDecoder } from '../aedat/openDecoder.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';
import { measureDecode } from './measureDecode.js';
import { numberIn } from './numberOption.js';
import { checkInputFile } from './inputFile.js';

/** Registers `spikeguard bench` with `bench decode FILE [--repeat N] [--runs K] [--json]`; returns `bench`. */
export function registerBench(program: Command): Command {
  const bench = program.command('bench').description('measure spikeguard on this machine');
  withDecoderOptions(
    bench
      .command('decode')
      .description('decode a file from memory N times per run; median of several runs after warm-up')
      .argument('<file>', 'event file')
      .option('--repeat <n>', 'full decodes per timed run', numberIn(1, 1_000_000, true), 10)
      .option('--runs <k>', 'timed runs (the median is reported)', numberIn(1, 1_000_000, true), 7)
      .option('--json', 'print one JSON object {format, events, seconds, mev_per_s}'),
  ).action(async (file: string, flags: DecoderFlags & { repeat: number; runs: number; json?: boolean }) => {
    await checkInputFile(file);
    const bytes = new Uint8Array(readFileSync(file));
    const opts = { ...decoderOptionsFrom(flags), fileName: basename(file) };
    const r = measureDecode(() => openDecoder(opts), bytes, { repeat: flags.repeat, runs: flags.runs });
    process.stdout.write(flags.json
      ? `${JSON.stringify(r)}\n`
      : `${basename(file)}: ${r.format}, ${r.events} events in ${r.seconds.toFixed(4)} s (median of ${flags.runs}) = ${r.mev_per_s.toFixed(1)} M events/s\n`);
  });
  return bench;
}
