import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../model/buildModel.js';
import { countCorrect } from './loss.js';
import type { Optimizer } from './optimizers.js';
import { crossEntropyObjective, type TrainingMethod } from './TrainingMethod.js';

/** The model's trainable variables by parameter name. */
export function trainableVariables(model: SnnModel): Map<string, tf.Variable> {
  return new Map(model.params.filter((p) => p.trainable).map((p) => [p.name, p.variable]));
}

/** What one training step measured: mean loss and correct predictions (training mode) of the batch. */
export interface StepResult {
  readonly loss: number;
  readonly correct: number;
}

/** Gradients of one batch by parameter name, with what the step measured. */
export interface StepGradients extends StepResult {
  /** Owned by the caller. */
  readonly grads: Map<string, tf.Tensor>;
}

/**
 * Gradients of the method's loss (default: cross-entropy) for every trainable parameter; with
 * `method.prepareBatch` (adversarial training) the batch is replaced first, and `correct` counts
 * right predictions on the replaced batch.
 * Ownership: `x` and `labels` are read, not disposed; the returned gradients belong to the caller.
 */
export function stepGradients(model: SnnModel, x: tf.Tensor, labels: tf.Tensor1D, seed: number, method: TrainingMethod = {}): StepGradients {
  const variables = trainableVariables(model);
  const byVariable = new Map([...variables].map(([name, v]) => [v.name, name]));
  const objective = method.objective ?? crossEntropyObjective;
  const input = method.prepareBatch === undefined ? x : method.prepareBatch(model, x, labels, seed);
  let logits: tf.Tensor2D | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const out = objective(model, input, labels, seed);
      logits = out.logits;
      return out.loss;
    }, [...variables.values()]);
    const named = new Map(Object.entries(grads).map(([vName, g]) => [byVariable.get(vName)!, g]));
    const loss = value.dataSync()[0]!;
    value.dispose();
    return { grads: named, loss, correct: countCorrect(logits!, labels.dataSync()) };
  } finally {
    tf.dispose(logits ?? []);
    if (input !== x) input.dispose();
  }
}

/**
 * One BPTT step: forward in training mode, the method's loss (default cross-entropy), gradients
 * of every trainable parameter, one optimiser update at `lr`.
 * Ownership: `x` `[T, B, …]` and `labels` `[B]` are read, not disposed; no tensor outlives the call.
 * @example const loss = trainStep(model, opt, x, labels, 1e-3, step);
 */
export function trainStep(model: SnnModel, optimizer: Optimizer, x: tf.Tensor, labels: tf.Tensor1D, lr: number, seed: number, method?: TrainingMethod): StepResult {
  const { grads, loss, correct } = stepGradients(model, x, labels, seed, method);
  optimizer.apply(grads, lr);
  tf.dispose([...grads.values()]);
  return { loss, correct };
}
