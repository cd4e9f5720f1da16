import { type Command, InvalidArgumentError } from 'commander';
import { trainingMethodDescriptor } from '../robust/index.js';
import { measureSnn } from '../snn/internal.js';
import { parseBackendName, selectBackend, type BackendName } from '../snn/index.js';
import { zoo, ZOO_NAMES } from '../snn/zoo/zoo.js';
import { numberIn } from './numberOption.js';
import { snnAction } from './snnAction.js';
import { checkSizes, memoryOption } from './snnMemory.js';
import { note } from './notes.js';

function archName(v: string): string {
  if (!(ZOO_NAMES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expects one of ${ZOO_NAMES.join(', ')}`);
  return v;
}

interface SnnFlags {
  arch: string; B: number; T: number; backend?: BackendName; workers: number; iters: number; warmup: number; json?: boolean; memoryMb?: number;
}

/** The peer's SR settings (`SR_LAM`, `SR_H` in torch_snn_bench.py). */
const PEER_SR = trainingMethodDescriptor({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } });

/**
 * Registers `spikeguard bench snn --arch A --B 32 --T 8 [--backend NAME] [--iters N] [--json]`
 * under `bench`: medians of inference, training-step and SR training-step times (λ 0.1, h 0.01),
 * as the torch peer measures them.
 */
export function registerBenchSnn(bench: Command): void {
  bench
    .command('snn')
    .description('time inference and one training step of a zoo network (medians after warm-up)')
    .option('--arch <name>', `architecture (${ZOO_NAMES.join(', ')})`, archName, 'csnn-nmnist')
    .option('--B <n>', 'batch size', numberIn(1, 4096, true), 32)
    .option('--T <n>', 'time steps', numberIn(1, 1024, true), 8)
    .option('--backend <name>', 'tensorflow.js backend (default: best available)', parseBackendName)
    .option('--workers <n>', 'data-parallel worker threads (1 = this thread)', numberIn(1, 64, true), 1)
    .option('--iters <n>', 'timed iterations (≥ 5 recommended)', numberIn(1, 1000, true), 5)
    .option('--warmup <n>', 'untimed iterations first', numberIn(0, 100, true), 2)
    .addOption(memoryOption())
    .option('--json', 'print one JSON object {backend, workers, arch, B, T, infer_ms, train_ms, sr_ms}')
    .action(snnAction(async (f: SnnFlags) => {
      const choice = await selectBackend({ backend: f.backend, log: note });
      checkSizes(zoo(f.arch), { T: f.T, batch: f.B, mode: 'training', workers: f.workers }, choice.name, f.memoryMb, `--B ${f.B}, --T ${f.T}, --workers ${f.workers}`);
      const r = await measureSnn({ arch: f.arch, B: f.B, T: f.T, iterations: f.iters, warmup: f.warmup, workers: f.workers, sr: PEER_SR });
      process.stdout.write(f.json
        ? `${JSON.stringify(r)}\n`
        : `${r.arch} B=${r.B} T=${r.T} on ${r.backend} × ${r.workers} thread(s): inference ${r.infer_ms.toFixed(1)} ms, training step ${r.train_ms.toFixed(1)} ms, SR step ${r.sr_ms?.toFixed(1)} ms (medians of ${f.iters})\n`);
    }));
}
