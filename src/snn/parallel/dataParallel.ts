import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, SpikeguardError } from '../../errors.js';
import type { SnnModel } from '../model/buildModel.js';
import type { Optimizer } from '../train/optimizers.js';
import type { MethodDescriptor } from '../train/TrainingMethod.js';
import type { StepResult } from '../train/trainStep.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** A worker failed (crashed, or reported an error for a request). */
export class WorkerError extends SpikeguardError {
  override readonly name: string = 'WorkerError';
}

/** Data-parallel training and inference over worker threads, each with its own tfjs backend. */
export interface DataParallel {
  readonly workers: number;
  /**
   * One training step: the batch `[T, B, …]` is split along B into one shard per worker, the
   * gradients of the shard losses are averaged (weighted by shard size, = the full batch's mean
   * loss), and `optimizer` updates the main thread's model at `lr`. Batch-norm statistics are per
   * shard (as PyTorch DDP without SyncBatchNorm) and the running ones averaged.
   * Ownership: reads `x`/`labels`; creates no lasting tensor.
   */
  trainStep(x: tf.Tensor, labels: tf.Tensor1D, optimizer: Optimizer, lr: number, seed: number): Promise<StepResult>;
  /** Logits `[B, classes]` of `x` `[T, B, …]` computed by the workers. Ownership: returns a new tensor. */
  forward(x: tf.Tensor): Promise<tf.Tensor2D>;
  close(): Promise<void>;
}

/** The worker entry beside this file: `.ts` under tsx/vitest (loaded through tsx), `.js` when built. */
function spawn(): Worker {
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './gradientWorker.ts' : './gradientWorker.js', here).href;
  const load = here.endsWith('.ts')
    ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  return new Worker(load, { eval: true });
}

/** Splits `n` into `k` near-equal positive parts (the first ones larger). */
function shardSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0)).filter((s) => s > 0);
}

/** Rows `[start, start+size)` of dimension 1 of a time-major `[T, B, …]` array. */
function shardOf(data: Float32Array, shape: readonly number[], start: number, size: number): Float32Array {
  const [T, B] = [shape[0]!, shape[1]!];
  const per = data.length / (T * B);
  const out = new Float32Array(T * size * per);
  for (let t = 0; t < T; t++) out.set(data.subarray((t * B + start) * per, (t * B + start + size) * per), t * size * per);
  return out;
}

/**
 * Starts `workers` worker threads holding replicas of `model` on `backend` (default: the active
 * one). The main thread keeps the authoritative weights and the optimiser; each step sends them out.
 * With `method`, every worker imports and builds that training method (SR, adversarial training)
 * and computes its shard's gradients with it (dropout and attack seeds differ per shard).
 * @throws ConfigError for fewer than 1 worker; WorkerError if a worker fails to start.
 * @example
 * const dp = await startDataParallel(model, 2);
 * const { loss } = await dp.trainStep(x, labels, optimizer, 1e-3, step);
 * await dp.close();
 */
export async function startDataParallel(model: SnnModel, workers: number, backend = tf.getBackend(), method?: MethodDescriptor): Promise<DataParallel> {
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError(`workers must be a positive integer, got ${workers}`);
  const pool = Array.from({ length: workers }, spawn);
  const pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const fail = (e: Error): void => {
    failure ??= new WorkerError(`data-parallel worker failed: ${e.message}`);
    pending.forEach((p) => p.reject(failure!));
    pending.clear();
  };
  const ready = pool.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', (m: FromWorker) => (m.kind === 'ready' ? resolve() : reject(new WorkerError(`worker did not start: ${JSON.stringify(m)}`))));
    w.on('error', (e) => { fail(e); reject(e); });
    w.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    w.postMessage({ kind: 'init', spec: model.spec, backend, ...(method === undefined ? {} : { method }) } satisfies ToWorker);
  }));
  try {
    await Promise.all(ready);
  } catch (err) {
    await Promise.all(pool.map((w) => w.terminate()));
    throw err instanceof WorkerError ? err : new WorkerError(`worker did not start: ${(err as Error).message}`);
  }
  for (const w of pool) {
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') return;
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (m.kind === 'error') p.reject(new WorkerError(m.message));
      else p.resolve(m);
    });
  }
  const request = (w: Worker, msg: ToWorker, transfer: ArrayBuffer[]): Promise<FromWorker> => {
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      pending.set((msg as { id: number }).id, { resolve, reject });
      w.postMessage(msg, transfer);
    });
  };
  const weights = (): Float32Array[] => model.params.map((p) => Float32Array.from(p.variable.dataSync() as Float32Array));
  const scatter = (x: tf.Tensor): { data: Float32Array; sizes: number[]; starts: number[] } => {
    const data = x.dataSync() as Float32Array;
    const sizes = shardSizes(x.shape[1]!, workers);
    const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    return { data, sizes, starts };
  };

  return {
    workers,
    trainStep: async (x, labels, optimizer, lr, seed) => {
      const { data, sizes, starts } = scatter(x);
      const labelData = labels.dataSync() as Int32Array;
      const w = weights();
      const replies = await Promise.all(sizes.map((size, k) => {
        const shard = shardOf(data, x.shape, starts[k]!, size);
        const msg: ToWorker = {
          kind: 'step', id: nextId++, weights: w, x: shard, shape: [x.shape[0]!, size, ...x.shape.slice(2)],
          labels: labelData.slice(starts[k]!, starts[k]! + size), seed: seed * 64 + k,
        };
        return request(pool[k]!, msg, [shard.buffer as ArrayBuffer]);
      }));
      const B = x.shape[1]!;
      const trainable = model.params.filter((p) => p.trainable);
      const stats = model.params.filter((p) => !p.trainable);
      let loss = 0;
      let correct = 0;
      const sum = trainable.map((p) => new Float32Array(p.variable.size));
      const statSum = stats.map((p) => new Float32Array(p.variable.size));
      replies.forEach((r, k) => {
        if (r.kind !== 'grads') throw new WorkerError(`unexpected reply ${r.kind}`);
        const weight = sizes[k]! / B;
        loss += r.loss * weight;
        correct += r.correct;
        r.grads.forEach((g, i) => { const s = sum[i]!; for (let j = 0; j < g.length; j++) s[j]! += g[j]! * weight; });
        r.stats.forEach((g, i) => { const s = statSum[i]!; for (let j = 0; j < g.length; j++) s[j]! += g[j]! / replies.length; });
      });
      const grads = new Map(trainable.map((p, i) => [p.name, tf.tensor(sum[i]!, p.variable.shape)]));
      optimizer.apply(grads, lr);
      tf.dispose([...grads.values()]);
      stats.forEach((p, i) => {
        const t = tf.tensor(statSum[i]!, p.variable.shape);
        p.variable.assign(t);
        t.dispose();
      });
      return { loss, correct };
    },
    forward: async (x) => {
      const { data, sizes, starts } = scatter(x);
      const w = weights();
      const replies = await Promise.all(sizes.map((size, k) => {
        const shard = shardOf(data, x.shape, starts[k]!, size);
        return request(pool[k]!, { kind: 'forward', id: nextId++, weights: w, x: shard, shape: [x.shape[0]!, size, ...x.shape.slice(2)] }, [shard.buffer as ArrayBuffer]);
      }));
      const classes = model.spec.classes;
      const out = new Float32Array(x.shape[1]! * classes);
      replies.forEach((r, k) => {
        if (r.kind !== 'logits') throw new WorkerError(`unexpected reply ${r.kind}`);
        out.set(r.logits, starts[k]! * classes);
      });
      return tf.tensor2d(out, [x.shape[1]!, classes]);
    },
    close: async () => {
      await Promise.all(pool.map((w) => w.terminate()));
      fail(new Error('closed'));
    },
  };
}
