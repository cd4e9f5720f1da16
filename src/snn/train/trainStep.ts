import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../model/buildModel.js';
import { countCorrect, crossEntropy } from './loss.js';
import type { Optimizer } from './optimizers.js';

/** The model's trainable variables by parameter name. */
export function trainableVariables(model: SnnModel): Map<string, tf.Variable> {
  return new Map(model.params.filter((p) => p.trainable).map((p) => [p.name, p.variable]));
}

/** What one training step measured: mean loss and correct predictions (training mode) of the batch. */
export interface StepResult {
  readonly loss: number;
  readonly correct: number;
}

/**
 * One BPTT step: forward in training mode, cross-entropy, gradients of every trainable
 * parameter, one optimiser update at `lr`.
 * Ownership: `x` `[T, B, …]` and `labels` `[B]` are read, not disposed; no tensor outlives the call.
 * @example const loss = trainStep(model, opt, x, labels, 1e-3, step);
 */
export function trainStep(model: SnnModel, optimizer: Optimizer, x: tf.Tensor, labels: tf.Tensor1D, lr: number, seed: number): StepResult {
  const variables = trainableVariables(model);
  const byVariable = new Map([...variables].map(([name, v]) => [v.name, name]));
  let logits: tf.Tensor2D | undefined;
  const { value, grads } = tf.variableGrads(() => {
    logits = tf.keep(model.forward(x, { training: true, seed }));
    return crossEntropy(logits, labels);
  }, [...variables.values()]);
  const named = new Map(Object.entries(grads).map(([vName, g]) => [byVariable.get(vName)!, g]));
  optimizer.apply(named, lr);
  const loss = value.dataSync()[0]!;
  const correct = countCorrect(logits!, labels.dataSync());
  tf.dispose([value, logits!, ...Object.values(grads)]);
  return { loss, correct };
}
