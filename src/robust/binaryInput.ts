import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';

/**
 * The values of a binary-domain input, checked to be all 0 or 1 (a count frame would make a
 * "flip" ambiguous). Returns a copy the caller may mutate.
 * @throws ConfigError naming the attack and the first bad value.
 */
export function binaryInput(attack: string, x: tf.Tensor): Float32Array {
  const v = Float32Array.from(x.dataSync());
  const bad = v.findIndex((c) => c !== 0 && c !== 1);
  if (bad >= 0) throw new ConfigError(`${attack}: the binary domain needs 0/1 inputs, got ${v[bad]} at flat index ${bad}`);
  return v;
}

/**
 * ε of a binary domain as a cell count.
 * @throws ConfigError unless ε is an integer ≥ 0.
 */
export function binaryBudget(attack: string, eps: number): number {
  if (!Number.isInteger(eps) || eps < 0) throw new ConfigError(`${attack}: on the binary domain eps counts flipped cells per sample, an integer ≥ 0; got ${eps}`);
  return eps;
}
