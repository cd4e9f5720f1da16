import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { seededRng } from '../../events/seededRng.js';

/** Labelled spike-tensor samples of one shape `[T, H, W, C]`, read by index (no tensors held). */
export interface SampleSet {
  readonly size: number;
  readonly shape: readonly [number, number, number, number];
  /** Sample `i` as a `[T, H, W, C]` float32 array (may be a view the caller must not keep) and its label. */
  get(i: number): { readonly x: Float32Array; readonly label: number };
}

/**
 * A subset of `set` by index list (e.g. a validation split).
 * @example const val = subset(all, indices.slice(0, 100));
 */
export function subset(set: SampleSet, indices: readonly number[]): SampleSet {
  return { size: indices.length, shape: set.shape, get: (i) => set.get(indices[i]!) };
}

/**
 * Seeded Fisher–Yates permutation of `0..n-1`.
 * @example permutation(5, 1) // the same order for seed 1 on every run
 */
export function permutation(n: number, seed: number): number[] {
  const out = [...Array(n).keys()];
  const rng = seededRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Splits `set` into training and validation parts, the validation part a seeded random
 * `fraction` of the samples (at least one each when `fraction > 0`).
 * @throws ConfigError for a fraction outside [0, 1) or a set too small to split.
 * @example const { train, validation } = splitValidation(all, 0.2, 0);
 */
export function splitValidation(set: SampleSet, fraction: number, seed: number): { train: SampleSet; validation: SampleSet } {
  if (!(fraction >= 0 && fraction < 1)) throw new ConfigError(`validation fraction must be in [0, 1), got ${fraction}`);
  const order = permutation(set.size, seed);
  const nVal = fraction === 0 ? 0 : Math.max(1, Math.round(set.size * fraction));
  if (nVal >= set.size) throw new ConfigError(`cannot split ${set.size} samples with a validation fraction of ${fraction}`);
  return { train: subset(set, order.slice(nVal)), validation: subset(set, order.slice(0, nVal)) };
}

/**
 * Stacks samples `indices` of `set` into one `[T, B, H, W, C]` tensor (time-major, as the models
 * take it) and their labels `[B]` int32.
 * Ownership: returns new tensors owned by the caller.
 * @throws ConfigError if a sample's length differs from the set's shape.
 */
export function stackBatch(set: SampleSet, indices: readonly number[]): { x: tf.Tensor; labels: tf.Tensor1D } {
  const [T, H, W, C] = set.shape;
  const B = indices.length;
  const frame = H * W * C;
  const data = new Float32Array(T * B * frame);
  const labels = new Int32Array(B);
  indices.forEach((index, b) => {
    const { x, label } = set.get(index);
    if (x.length !== T * frame) throw new ConfigError(`sample ${index}: ${x.length} values, expected ${T * frame} for [${set.shape.join(', ')}]`);
    for (let t = 0; t < T; t++) data.set(x.subarray(t * frame, (t + 1) * frame), (t * B + b) * frame);
    labels[b] = label;
  });
  return { x: tf.tensor(data, [T, B, H, W, C]), labels: tf.tensor1d(labels, 'int32') };
}
