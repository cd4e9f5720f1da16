import { basename } from 'node:path';
import type { Command } from 'commander';
import { lastValueFrom, map, tap, type Observable } from 'rxjs';
import { classifyAndMonitor, type MonitoredOutput } from '../../pipelines/monitoredInference.js';
import { classifyWindows, type WindowPrediction } from '../../pipelines/streamingInference.js';
import type { EventBatch } from '../events/index.js';
import { ConfigError } from '../errors.js';
import { loadCheckpoint, parseBackendName, selectBackend, type BackendName } from '../snn/index.js';
import { aedat4TcpSource } from '../sources/aedat4Net/aedat4TcpSource.js';
import { replayFile } from '../sources/replayFile.js';
import { decoderOptionsFrom, withDecoderOptions, type DecoderFlags } from './decoderFlags.js';
import { addMonitorOptions, monitorFromFlags, type MonitorFlags } from './monitorFlags.js';
import { type Ending, reportEnding, untilInputFault } from './ending.js';
import { checkInputFile } from './inputFile.js';
import { storedSensor } from './sensorSize.js';
import { parseHostPort } from './stream.js';
import { positiveNumber } from './numberOption.js';
import { snnAction } from './snnAction.js';
import { checkSizes, memoryOption } from './snnMemory.js';
import { note } from './notes.js';

interface ClassifyFlags extends DecoderFlags, MonitorFlags {
  model: string; tcp?: string; windowUs: number; bins: number; speed?: number; backend?: BackendName; memoryMb?: number;
}

/**
 * Registers `spikeguard classify [FILE] (--tcp HOST:PORT) --model CK [--window-us N] [--bins T]`:
 * streaming inference (pipelines/streamingInference.ts) on a recording or a live AEDAT 4.0
 * stream, one JSON line per window `{"startUs","endUs","windows","label","scores"}`. With
 * `--monitor`, also a line `{"monitor":{…}}` per measured window (a `MonitorRecord` of
 * src/robust/monitor, pipelines/monitoredInference.ts), printed when ready, between predictions.
 */
export function registerClassify(program: Command): void {
  withDecoderOptions(addMonitorOptions(
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
  )).action(snnAction(async (file: string | undefined, f: ClassifyFlags) => {
    if ((file === undefined) === (f.tcp === undefined)) throw new ConfigError('classify: give either a FILE or --tcp HOST:PORT');
    if (file !== undefined) await checkStoredSensor(file, f);
    const monitor = monitorFromFlags(f);
    const choice = await selectBackend({ backend: f.backend, log: note });
    const { model } = await loadCheckpoint(f.model, {
      beforeBuild: (spec) => checkSizes(spec, { T: f.bins, batch: 1, mode: monitor === null ? 'inference' : 'training' }, choice.name, f.memoryMb,
        `--bins ${f.bins} (one stream${monitor === null ? '' : ', monitor backpropagates to the input'})`),
    });
    try {
      const events$: Observable<EventBatch> = file !== undefined
        ? replayFile(file, { ...decoderOptionsFrom(f), fileName: basename(file), ...(f.speed === undefined ? {} : { pace: { speed: f.speed } }) })
        : aedat4TcpSource(parseHostPort(f.tcp!));
      const ending: Ending = {};
      const windows = { windowUs: f.windowUs, bins: f.bins };
      const input$ = events$.pipe(untilInputFault(ending));
      const out$: Observable<MonitoredOutput> = monitor === null
        ? input$.pipe(classifyWindows(model, windows), map((prediction) => ({ prediction })))
        : input$.pipe(classifyAndMonitor(model, windows, monitor));
      await lastValueFrom(out$.pipe(tap((o) => process.stdout.write(`${outputLine(o)}\n`))), { defaultValue: undefined });
      reportEnding(ending.fault, 'every window before it was classified');
    } finally {
      model.dispose();
    }
  }));
}

/** A prediction as `{"startUs",…,"scores"}` (scores to 6 decimals); a monitor record as `{"monitor":{…}}`. */
function outputLine(o: MonitoredOutput): string {
  if ('monitor' in o) return JSON.stringify(o);
  const p: WindowPrediction = o.prediction;
  return JSON.stringify({ ...p, scores: p.scores.map((s) => +s.toFixed(6)) });
}

/** A file that stores no sensor size needs `--sensor` (its events' address range is not the sensor). */
async function checkStoredSensor(file: string, f: ClassifyFlags): Promise<void> {
  await checkInputFile(file);
  if (f.sensor !== undefined) return;
  const stored = await storedSensor(file, decoderOptionsFrom(f));
  if (stored.size === null) throw new ConfigError(`${file}: the file (${stored.format}) stores no sensor size; pass --sensor WxH (e.g. 34x34 for N-MNIST)`);
}
