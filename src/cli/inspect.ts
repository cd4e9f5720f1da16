import type { Command } from 'commander';
import { summaryBuilder, type RecordingSummary } from '../aedat/summarize.js';
import { streamEventFile } from '../aedat/node/streamEventFile.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';
import { reportEnding } from './ending.js';
import { checkInputFile } from './inputFile.js';

/** Registers `spikeguard inspect FILE [--json]`. */
export function registerInspect(program: Command): void {
  withDecoderOptions(
    program
      .command('inspect')
      .description('summarise an event file: format, sensor size, event count, first/last event, skipped words')
      .argument('<file>', 'event file (AEDAT 2.0/3.1/4.0, EVT 2.0/3.0 RAW, DAT, N-MNIST .bin, Event Stream .es)')
      .option('--json', 'print one JSON object'),
  ).action(async (file: string, flags: DecoderFlags & { json?: boolean }) => {
    await checkInputFile(file);
    const summary = await inspectFile(file, flags);
    process.stdout.write(flags.json ? `${JSON.stringify(toJson(summary))}\n` : humanSummary(file, summary));
    reportEnding(summary.error ?? undefined, 'the summary covers every event before it');
  });
}

/** Decodes a file in bounded memory and summarises it. */
async function inspectFile(file: string, flags: DecoderFlags): Promise<RecordingSummary> {
  const { decoder, outputs } = streamEventFile(file, decoderOptionsFrom(flags));
  const summary = summaryBuilder();
  for await (const out of outputs) summary.add(out);
  return summary.finish(decoder);
}

function toJson(s: RecordingSummary) {
  const { error, ...rest } = s;
  return {
    ...rest,
    error: error && { name: error.name, format: error.format, offsetBytes: error.offsetBytes, message: error.message },
  };
}

function humanSummary(file: string, s: RecordingSummary): string {
  const size = s.width !== null && s.height !== null ? `${s.width}×${s.height}` : 'not stored in the file';
  const fmt = (e: RecordingSummary['first']) => (e ? `t=${e.t} µs x=${e.x} y=${e.y} p=${e.p}` : '—');
  const skipped = Object.entries(s.skipped).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const span = s.tStart !== null && s.tEnd !== null ? `${s.tStart}..${s.tEnd} µs (${((s.tEnd - s.tStart) / 1e6).toFixed(3)} s)` : '—';
  return [
    `${file}`,
    `  format   ${s.format ?? 'unknown'}`,
    `  sensor   ${size}`,
    `  events   ${s.events} (ON ${s.on}, OFF ${s.off})`,
    `  time     ${span}`,
    `  first    ${fmt(s.first)}`,
    `  last     ${fmt(s.last)}`,
    `  other    frames ${s.frames}, IMU samples ${s.imu}, triggers ${s.triggers}`,
    `  skipped  ${skipped}`,
    '',
  ].join('\n');
}
