import * as tf from '@tensorflow/tfjs-core';
import { seededRng } from '../../events/seededRng.js';
import { buildModel, type SnnModel } from '../model/buildModel.js';
import { startDataParallel } from '../parallel/dataParallel.js';
import { createOptimizer, type Optimizer } from '../train/optimizers.js';
import { loadTrainingMethod, type MethodDescriptor } from '../train/TrainingMethod.js';
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
  /** One training step with the sparse-gradient (SR) objective; null when no SR method was given. */
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
  /**
   * The SR training method (built by `src/robust`, which this layer cannot import): with it,
   * `sr_ms` times one training step with that objective.
   */
  readonly sr?: MethodDescriptor;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeIt(iterations: number, warmup: number, run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    await run();
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  return median(samples);
}

type StepFn = (x: tf.Tensor, labels: tf.Tensor1D, optimizer: Optimizer, seed: number) => Promise<unknown>;

/** A training-step function with method `d` (default vanilla) on this thread or on `workers` threads; `close` ends them. */
async function stepper(model: SnnModel, workers: number, d?: MethodDescriptor): Promise<{ step: StepFn; forward: (x: tf.Tensor) => Promise<tf.Tensor2D>; close: () => Promise<void> }> {
  if (workers > 1) {
    const p = await startDataParallel(model, workers, undefined, d);
    return { step: (x, y, opt, seed) => p.trainStep(x, y, opt, 1e-3, seed), forward: (x) => p.forward(x), close: () => p.close() };
  }
  const method = d === undefined ? undefined : await loadTrainingMethod(d);
  return {
    step: async (x, y, opt, seed) => trainStep(model, opt, x, y, 1e-3, seed, method),
    forward: async (x) => model.forward(x),
    close: async () => {},
  };
}

/**
 * Times inference (forward + read of the logits), one training step (forward, cross-entropy,
 * BPTT, Adam 1e-3) and, given `o.sr`, one SR training step of a zoo architecture on the current
 * backend, on seeded Bernoulli input spikes `[T, B, …input]` and random labels, as
 * `../shared/peers/torch_snn_bench.py` does. With `workers` > 1 all run data-parallel on worker
 * threads (the SR step on a second pool, started after the first is closed).
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
  let run = await stepper(model, workers);
  try {
    const infer = await timeIt(o.iterations, o.warmup, async () => {
      const logits = await run.forward(x);
      logits.dataSync();
      logits.dispose();
    });
    let step = 0;
    const train = await timeIt(o.iterations, o.warmup, () => run.step(x, labels, optimizer, step++));
    let sr: number | null = null;
    if (o.sr !== undefined) {
      await run.close();
      run = await stepper(model, workers, o.sr);
      sr = await timeIt(o.iterations, o.warmup, () => run.step(x, labels, optimizer, step++));
    }
    return { backend: tf.getBackend(), workers, arch: o.arch, B: o.B, T: o.T, infer_ms: infer, train_ms: train, sr_ms: sr };
  } finally {
    await run.close();
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, labels]);
  }
}
