import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { SnnModel } from '../model/buildModel.js';
import { crossEntropy } from './loss.js';

/** A batch's training loss and the logits it was computed from (for the accuracy count). */
export interface ObjectiveValue {
  readonly loss: tf.Scalar;
  /** `[B, classes]`, kept with `tf.keep`: the caller disposes it. */
  readonly logits: tf.Tensor2D;
}

/**
 * Training loss of a batch, evaluated inside `tf.variableGrads` (so every op on the weights is
 * differentiated). `seed` seeds dropout. Ownership: `x` and `labels` are read, not disposed.
 */
export type Objective = (model: SnnModel, x: tf.Tensor, labels: tf.Tensor1D, seed: number) => ObjectiveValue;

/**
 * Replaces a batch before the step (adversarial training), outside the gradient.
 * Ownership: returns a new tensor of `x`'s shape; `x` and `labels` are not disposed; the model
 * is left unchanged.
 */
export type PrepareBatch = (model: SnnModel, x: tf.Tensor, labels: tf.Tensor1D, seed: number) => tf.Tensor;

/** How a training step turns a batch into a loss; both parts optional (= vanilla cross-entropy). */
export interface TrainingMethod {
  readonly objective?: Objective;
  readonly prepareBatch?: PrepareBatch;
}

/**
 * Where a {@link TrainingMethod} comes from: `factory(options)` exported by the ES module at URL
 * `module`. A descriptor (plain data) rather than functions so that data-parallel worker threads
 * can rebuild the same method; `options` must be structured-cloneable.
 */
export interface MethodDescriptor {
  readonly module: string;
  readonly factory: string;
  readonly options: unknown;
}

/** Vanilla training: cross-entropy of the training-mode forward pass. */
export const crossEntropyObjective: Objective = (model, x, labels, seed) => {
  const logits = tf.keep(model.forward(x, { training: true, seed }));
  return { loss: crossEntropy(logits, labels), logits };
};

/**
 * Imports `d.module` and builds the method with `d.factory(d.options)`.
 * @throws ConfigError if the module cannot be imported or does not export that factory; whatever
 * the factory throws for invalid options.
 * @example const method = await loadTrainingMethod(trainingMethodDescriptor({ method: 'sr', lambda: 0.1, h: 0.01 }));
 */
export async function loadTrainingMethod(d: MethodDescriptor): Promise<TrainingMethod> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(d.module)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`training method: cannot import ${d.module}: ${(err as Error).message}`);
  }
  const factory = mod[d.factory];
  if (typeof factory !== 'function') throw new ConfigError(`training method: ${d.module} exports no function ${d.factory}`);
  return (factory as (options: unknown) => TrainingMethod)(d.options);
}
