import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { SnnModel } from '../model/buildModel.js';
import { startDataParallel, type DataParallel } from '../parallel/dataParallel.js';
import { countCorrect, crossEntropy } from './loss.js';
import { cosineLr, createOptimizer, type OptimizerSpec, type OptimizerState } from './optimizers.js';
import { permutation, stackBatch, type SampleSet } from './SampleSet.js';
import { loadTrainingMethod, type MethodDescriptor } from './TrainingMethod.js';
import { trainableVariables, trainStep } from './trainStep.js';

/** Loss and accuracy of one epoch (validation fields absent without a validation set). */
export interface EpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly seconds: number;
}

/** Where a run is: enough to resume it exactly (with the model's weights). */
export interface TrainingState {
  /** Epochs completed. */
  readonly epoch: number;
  readonly optimizer: OptimizerState;
  readonly history: readonly EpochReport[];
  readonly best?: { readonly epoch: number; readonly valAccuracy: number };
}

/** Progress after each batch. */
export interface StepProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly lr: number;
}

export interface TrainOptions {
  readonly train: SampleSet;
  /** Model selection: with it, the weights of the best validation accuracy are restored at the end. */
  readonly validation?: SampleSet;
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerSpec;
  /** `cosine` anneals from `optimizer.lr` to 0 over all steps (default); `constant` keeps it. */
  readonly schedule?: 'cosine' | 'constant';
  /** Seeds shuffling (per epoch) and dropout (per step): the same seed repeats a run exactly. */
  readonly seed: number;
  readonly onStep?: (p: StepProgress) => void;
  /** Called after each epoch with the state to checkpoint (the model holds the current weights). */
  readonly onEpoch?: (report: EpochReport, state: TrainingState) => void | Promise<void>;
  /** Continue a run from a checkpoint's state (its optimiser tensors are taken over). */
  readonly resume?: TrainingState;
  /**
   * Worker threads computing gradients of batch shards in parallel (default 1 = this thread).
   * Each holds a model replica on its own backend; results equal one thread's up to float
   * summation order (batch norm: per-shard statistics).
   */
  readonly workers?: number;
  /**
   * The training method (sparse-gradient regulariser, adversarial training; default: vanilla
   * cross-entropy), as a descriptor so that worker threads can rebuild it (see `src/robust`).
   */
  readonly method?: MethodDescriptor;
}

export interface TrainResult {
  readonly history: readonly EpochReport[];
  readonly best?: { readonly epoch: number; readonly valAccuracy: number };
}

/**
 * Accuracy and mean loss of `model` on `set` (inference mode), in batches (on `parallel`'s
 * workers when given).
 * Ownership: creates no lasting tensor.
 */
export async function evaluate(model: SnnModel, set: SampleSet, batchSize: number, parallel?: DataParallel): Promise<{ loss: number; accuracy: number }> {
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < set.size; start += batchSize) {
    const indices = [...Array(Math.min(batchSize, set.size - start)).keys()].map((i) => start + i);
    const { x, labels } = stackBatch(set, indices);
    const logits = parallel === undefined ? model.forward(x) : await parallel.forward(x);
    const l = crossEntropy(logits, labels);
    loss += l.dataSync()[0]! * indices.length;
    correct += countCorrect(logits, labels.dataSync());
    tf.dispose([x, labels, logits, l]);
  }
  return { loss: loss / Math.max(1, set.size), accuracy: correct / Math.max(1, set.size) };
}

function checkOptions(model: SnnModel, o: TrainOptions): void {
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new ConfigError(`epochs must be a positive integer, got ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new ConfigError(`batchSize must be a positive integer, got ${o.batchSize}`);
  if (o.train.size === 0) throw new ConfigError('the training set is empty');
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 1)) throw new ConfigError(`workers must be a positive integer, got ${o.workers}`);
  const [, h, w, c] = o.train.shape;
  const [mh, mw, mc] = model.spec.input;
  if (h !== mh || w !== mw || c !== mc) throw new ConfigError(`samples are [T, ${h}, ${w}, ${c}], the model takes [T, ${mh}, ${mw}, ${mc}]`);
}

/**
 * BPTT training with Adam or SGD-momentum, cosine LR, seeded shuffling and dropout, validation
 * after each epoch and best-model selection; resumable from a {@link TrainingState}.
 * Ownership: updates the model's variables in place; leaves no other tensor behind.
 * @throws ConfigError for invalid options or samples that do not fit the model.
 * @example
 * const result = await trainModel(model, { train, validation, epochs: 5, batchSize: 32,
 *   optimizer: { kind: 'adam', lr: 1e-3 }, seed: 0 });
 */
export async function trainModel(model: SnnModel, o: TrainOptions): Promise<TrainResult> {
  checkOptions(model, o);
  const method = o.method === undefined ? undefined : await loadTrainingMethod(o.method);
  const variables = trainableVariables(model);
  const optimizer = createOptimizer(o.optimizer, variables, o.resume?.optimizer);
  const batches = Math.ceil(o.train.size / o.batchSize);
  const lrAt = o.schedule === 'constant' ? () => o.optimizer.lr : cosineLr(o.optimizer.lr, 0, o.epochs * batches);
  const history: EpochReport[] = [...(o.resume?.history ?? [])];
  let best = o.resume?.best;
  let bestWeights: tf.Tensor[] | undefined;
  const parallel = (o.workers ?? 1) > 1 ? await startDataParallel(model, o.workers!, undefined, o.method) : undefined;
  try {
    for (let epoch = (o.resume?.epoch ?? 0) + 1; epoch <= o.epochs; epoch++) {
      const started = performance.now();
      const order = permutation(o.train.size, o.seed * 100_003 + epoch);
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        const indices = order.slice(b * o.batchSize, (b + 1) * o.batchSize);
        const { x, labels } = stackBatch(o.train, indices);
        const step = (epoch - 1) * batches + b;
        const lr = lrAt(step);
        const seed = o.seed * 1_000_003 + step;
        const { loss, correct: right } = parallel === undefined
          ? trainStep(model, optimizer, x, labels, lr, seed, method)
          : await parallel.trainStep(x, labels, optimizer, lr, seed);
        tf.dispose([x, labels]);
        correct += right;
        lossSum += loss * indices.length;
        o.onStep?.({ epoch, batch: b + 1, batches, loss, lr });
      }
      const val = o.validation === undefined ? undefined : await evaluate(model, o.validation, o.batchSize, parallel);
      const report: EpochReport = {
        epoch, trainLoss: lossSum / o.train.size, trainAccuracy: correct / o.train.size,
        ...(val === undefined ? {} : { valLoss: val.loss, valAccuracy: val.accuracy }),
        seconds: (performance.now() - started) / 1000,
      };
      history.push(report);
      if (val !== undefined && (best === undefined || val.accuracy > best.valAccuracy)) {
        best = { epoch, valAccuracy: val.accuracy };
        tf.dispose(bestWeights ?? []);
        bestWeights = [...variables.values()].map((v) => tf.clone(v));
      }
      await o.onEpoch?.(report, { epoch, optimizer: optimizer.state(), history: [...history], ...(best === undefined ? {} : { best }) });
    }
    if (bestWeights !== undefined) [...variables.values()].forEach((v, i) => v.assign(bestWeights![i]!));
    return { history, ...(best === undefined ? {} : { best }) };
  } finally {
    tf.dispose(bestWeights ?? []);
    optimizer.dispose();
    await parallel?.close();
  }
}
