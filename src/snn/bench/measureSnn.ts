import * as tf from '@tensorflow/tfjs-core';
import { seededRng } from '../../events/seededRng.js';
import { buildModel } from '../model/buildModel.js';
import { startDataParallel } from '../parallel/dataParallel.js';
import { createOptimizer } from '../train/optimizers.js';
import { trainableVariables, trainStep } from '../train/trainStep.js';
import { zoo } from '../zoo/zoo.js';

/** What `spikeguard bench snn --json` prints (times in ms, medians). */
export interface SnnBenchResult {
  readonly backend: string;
  readonly workers: number;
  readonly arch: string;
  readonly B: number;
  readonly T: number;
  readonly infer_ms: number;
  readonly train_ms: number;
  /** One step of the sparse-gradient (SR) objective; null until the robust layer provides it. */
  readonly sr_ms: number | null;
}

export interface SnnBenchOptions {
  readonly arch: string;
  readonly B: number;
  readonly T: number;
  /** Timed iterations per measure (median reported), after `warmup` untimed ones. */
  readonly iterations: number;
  readonly warmup: number;
  /** Probability of an input spike (the peer's 0.05). */
  readonly density?: number;
  readonly seed?: number;
  /** Worker threads for data-parallel inference and training (default 1: this thread). */
  readonly workers?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeIt(iterations: number, warmup: number, run: () => void | Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    await run();
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Times inference (forward + read of the logits) and one training step (forward, cross-entropy,
 * BPTT, Adam 1e-3) of a zoo architecture on the current backend, on seeded Bernoulli input
 * spikes `[T, B, …input]` and random labels, as `../shared/peers/torch_snn_bench.py` does.
 * With `workers` > 1 both run data-parallel on worker threads.
 * Ownership: creates and disposes everything it uses.
 * @example const r = await measureSnn({ arch: 'csnn-nmnist', B: 32, T: 8, iterations: 5, warmup: 2 });
 */
export async function measureSnn(o: SnnBenchOptions): Promise<SnnBenchResult> {
  const spec = zoo(o.arch);
  const model = buildModel(spec, { seed: o.seed ?? 0 });
  const rng = seededRng(o.seed ?? 0);
  const density = o.density ?? 0.05;
  const values = new Float32Array(o.T * o.B * spec.input.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = rng.next() < density ? 1 : 0;
  const labelValues = Int32Array.from({ length: o.B }, () => Math.floor(rng.next() * spec.classes));
  const x = tf.tensor(values, [o.T, o.B, ...spec.input]);
  const labels = tf.tensor1d(labelValues, 'int32');
  const optimizer = createOptimizer({ kind: 'adam', lr: 1e-3 }, trainableVariables(model));
  const workers = o.workers ?? 1;
  const parallel = workers > 1 ? await startDataParallel(model, workers) : undefined;
  try {
    const infer = await timeIt(o.iterations, o.warmup, async () => {
      const logits = parallel === undefined ? model.forward(x) : await parallel.forward(x);
      logits.dataSync();
      logits.dispose();
    });
    let step = 0;
    const train = await timeIt(o.iterations, o.warmup, async () => {
      if (parallel === undefined) trainStep(model, optimizer, x, labels, 1e-3, step++);
      else await parallel.trainStep(x, labels, optimizer, 1e-3, step++);
    });
    return { backend: tf.getBackend(), workers, arch: o.arch, B: o.B, T: o.T, infer_ms: infer, train_ms: train, sr_ms: null };
  } finally {
    await parallel?.close();
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, labels]);
  }
}
