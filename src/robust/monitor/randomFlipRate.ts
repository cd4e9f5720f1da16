import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../../snn/index.js';
import type { InputDomain } from '../InputDomain.js';
import { randomNoise } from '../randomNoise.js';

/**
 * Fraction of `draws` independent random perturbations at ε that change the prediction `label`
 * of one sample `x` `[T, 1, …]`: uniform noise `clip(x + ε·U(−1, 1))`, or ε random cell flips on
 * a binary domain. The draws run as one batch of `draws` copies (one forward pass), seeded.
 * Ownership: reads `x`, creates no lasting tensor.
 * @throws ConfigError for an invalid ε for the domain (see `randomNoise`).
 */
export function randomFlipRate(model: SnnModel, x: tf.Tensor, label: number, eps: number, draws: number, domain: InputDomain, seed: number): number {
  const copies = tf.tidy(() => tf.tile(x, [1, draws, ...Array.from({ length: x.rank - 2 }, () => 1)]));
  try {
    const kind = domain.kind === 'binary' ? 'flips' : 'uniform';
    const r = randomNoise(model, copies, new Int32Array(draws).fill(label), { eps, kind, draws: 1, domain, seed });
    r.xAdv.dispose();
    return r.fooled.reduce((n, f) => n + f, 0) / draws;
  } finally {
    copies.dispose();
  }
}
