import { basename } from 'node:path';
import type { Command } from 'commander';
import { lastValueFrom, tap, type Observable } from 'rxjs';
import { classifyWindows } from '../../pipelines/streamingInference.js';
import type { EventBatch } from '../events/index.js';
import { ConfigError } from '../errors.js';
import { loadCheckpoint, parseBackendName, selectBackend, type BackendName } from '../snn/index.js';
import { aedat4TcpSource } from '../sources/aedat4Net/aedat4TcpSource.js';
import { replayFile } from '../sources/replayFile.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';
import { parseHostPort } from './stream.js';
import { positiveNumber } from './numberOption.js';
import { snnAction } from './snnAction.js';
import { checkSizes, memoryOption } from './snnMemory.js';

interface ClassifyFlags extends DecoderFlags {
  model: string; tcp?: string; windowUs: number; bins: number; speed?: number; backend?: BackendName; memoryMb?: number;
}

/**
 * Registers `spikeguard classify [FILE] (--tcp HOST:PORT) --model CK [--window-us N] [--bins T]`:
 * streaming inference (pipelines/streamingInference.ts) on a recording or a live AEDAT 4.0
 * stream, one JSON line per window `{"startUs","endUs","windows","label","scores"}`.
 */
export function registerClassify(program: Command): void {
  withDecoderOptions(
    program
      .command('classify')
      .description('classify a recording or a live AEDAT 4.0 stream window by window (stateful SNN)')
      .argument('[file]', 'event file (omit with --tcp)')
      .requiredOption('--model <checkpoint>', 'model checkpoint (spikeguard train --out)')
      .option('--tcp <host:port>', 'live AEDAT 4.0 network stream instead of a file')
      .option('--window-us <n>', 'window length in µs', positiveNumber(true), 10_000)
      .option('--bins <n>', 'time steps per window', positiveNumber(true), 1)
      .option('--speed <x>', 'replay a file paced at x × real time (default: as fast as possible)', positiveNumber(false))
      .option('--backend <name>', 'tensorflow.js backend (default: best available)', parseBackendName)
      .addOption(memoryOption()),
  ).action(snnAction(async (file: string | undefined, f: ClassifyFlags) => {
    if ((file === undefined) === (f.tcp === undefined)) throw new ConfigError('classify: give either a FILE or --tcp HOST:PORT');
    const choice = await selectBackend({ backend: f.backend, log: (m) => process.stderr.write(`${m}\n`) });
    const { model } = await loadCheckpoint(f.model, {
      beforeBuild: (spec) => checkSizes(spec, { T: f.bins, batch: 1, mode: 'inference' }, choice.name, f.memoryMb, `--bins ${f.bins} (one stream)`),
    });
    try {
      const events$: Observable<EventBatch> = file !== undefined
        ? replayFile(file, { ...decoderOptionsFrom(f), fileName: basename(file), ...(f.speed === undefined ? {} : { pace: { speed: f.speed } }) })
        : aedat4TcpSource(parseHostPort(f.tcp!));
      await lastValueFrom(events$.pipe(
        classifyWindows(model, { windowUs: f.windowUs, bins: f.bins }),
        tap((p) => process.stdout.write(`${JSON.stringify({ ...p, scores: p.scores.map((s) => +s.toFixed(6)) })}\n`)),
      ), { defaultValue: undefined });
    } finally {
      model.dispose();
    }
  }));
}
