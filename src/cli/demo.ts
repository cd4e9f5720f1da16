import type { Command } from 'commander';
import { inferenceConfigOf, mergeConfig, PIPELINE_DEFAULTS, type InferenceConfig } from '../../pipelines/index.js';
import type { Aedat4Server } from '../sinks/index.js';
import { DEMO_LABELS, DEMO_RECORDING, inPackage, loopbackCamera } from './demoCamera.js';
import { note } from './notes.js';
import { numberIn, positiveNumber } from './numberOption.js';
import { runAndPrint, type RunFlags } from './run.js';
import { parseHostPort } from './stream.js';

interface DemoFlags extends Pick<RunFlags, 'json' | 'quiet' | 'serve'> { speed: number; monitor: boolean; model?: string }

/** Monitor settings of the demo: a record every 3rd window, within 400 ms each. */
const DEMO_MONITOR = { every: 3, budgetMs: 400, epsMax: 0.5, steps: 5, draws: 16, gradient: 'triangle:1' };

/** The stream-infer config of the demo and `serve`: the shipped SR+AT model on a camera at `host:port`. */
function demoConfig(host: string, port: number, f: Pick<DemoFlags, 'monitor' | 'model'>, labels: boolean): InferenceConfig {
  return inferenceConfigOf(mergeConfig(PIPELINE_DEFAULTS['stream-infer'], {
    source: { kind: 'aedat4-tcp', host, port },
    model: f.model ?? inPackage(String(PIPELINE_DEFAULTS['stream-infer'].model)),
    monitor: f.monitor ? DEMO_MONITOR : null,
    ...(labels ? { labels: inPackage(DEMO_LABELS) } : {}),
  }));
}

/** Runs stream-infer against a loopback camera, closing the camera at the end. */
async function withCamera(camera: Aedat4Server, run: () => Promise<void>): Promise<void> {
  note(`camera: ${DEMO_RECORDING} served as a live AEDAT 4.0 stream on tcp://${camera.host}:${camera.port}`);
  try {
    await run();
  } finally {
    await camera.close();
  }
}

/**
 * Registers `spikeguard demo` (what `npm start` runs) and `spikeguard serve`.
 * - `demo`: the shipped recording of 16 saccade digits served over loopback as a live camera,
 *   classified by the shipped SR+AT model with the robustness monitor, live predictions against
 *   the true digits, then a summary; ends by itself (~6 s of recording).
 * - `serve`: the same chain with the live monitor page, on the demo camera looping (or a camera
 *   at HOST:PORT), until interrupted.
 */
export function registerDemo(program: Command): void {
  program.command('demo')
    .description('the one-command demo: a shipped recording served as a live camera on loopback, classified by the shipped SR+AT model with the robustness monitor')
    .option('--speed <x>', 'camera speed × real time', positiveNumber(false), 1)
    .option('--no-monitor', 'predictions only')
    .option('--model <checkpoint>', 'another model (default: fixtures/models/sr+at.sgck)')
    .option('--serve <port>', 'also serve the live monitor page on http://127.0.0.1:PORT', numberIn(0, 65535, true))
    .option('--json', 'one JSON line per output and a final {"summary":…} line')
    .option('--quiet', 'print only the summary')
    .action(async (f: DemoFlags) => {
      const camera = await loopbackCamera(inPackage(DEMO_RECORDING), { speed: f.speed, loop: false });
      await withCamera(camera, () => runAndPrint(demoConfig(camera.host, camera.port, f, true), f));
    });

  program.command('serve')
    .description('the live monitor page (event frames, class probabilities, robustness monitor, drop counters) on a camera: the demo recording looping, or HOST:PORT')
    .argument('[camera]', 'HOST:PORT of a live AEDAT 4.0 camera (default: the demo recording, looping, on loopback)')
    .option('--port <n>', 'page port on 127.0.0.1 (0: any free port)', numberIn(0, 65535, true), 8080)
    .option('--no-monitor', 'predictions only')
    .option('--model <checkpoint>', 'model (default: fixtures/models/sr+at.sgck)')
    .option('--quiet', 'no prediction lines on stdout')
    .action(async (address: string | undefined, f: DemoFlags & { port: number }) => {
      const flags = { quiet: f.quiet ?? false, serve: f.port };
      if (address !== undefined) {
        const { host, port } = parseHostPort(address);
        await runAndPrint(demoConfig(host, port, f, false), flags);
        return;
      }
      const camera = await loopbackCamera(inPackage(DEMO_RECORDING), { speed: 1, loop: true });
      await withCamera(camera, () => runAndPrint(demoConfig(camera.host, camera.port, f, true), flags));
    });
}
