import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { seededRng } from '../events/seededRng.js';
import type { Rng } from '../events/Rng.js';
import type { SnnModel } from '../snn/index.js';
import { checkBatch, evaluateAt, INFERENCE } from './attackGradient.js';
import type { AttackResult } from './AttackResult.js';
import { binaryBudget, binaryInput } from './binaryInput.js';
import { flipRandom, flipStart, flipTensor } from './binaryFlips.js';
import { checkDomain, projectToDomain, type InputDomain } from './InputDomain.js';
import { gaussian, signs, uniformSigned } from './noise.js';
import { checkCount, checkNonNegative } from './perturbation.js';
import { WorstCase } from './WorstCase.js';

/**
 * Random perturbations at an attack's budget ε:
 * - `uniform`: `clip(x + ε·U(−1, 1))` (the paper's baseline);
 * - `gaussian`: `clip(x + clip(ε·N(0, 1), −ε, ε))` (σ = ε, cut to the L∞ ball);
 * - `sign`: `clip(x + ε·s)`, s = ±1 per cell (a random vertex of the ball, FGSM's L∞ size);
 * - `flips`: binary domain only, ε uniformly chosen cells flipped per sample.
 */
export type NoiseKind = 'uniform' | 'gaussian' | 'sign' | 'flips';

export interface RandomNoiseOptions {
  readonly eps: number;
  readonly kind: NoiseKind;
  /** Draws k; the result is the per-sample worst of the k. */
  readonly draws: number;
  readonly domain: InputDomain;
  readonly seed: number;
}

/** The random baseline's result: the per-sample worst of `draws` draws. */
export interface RandomNoiseResult extends AttackResult {
  readonly draws: number;
  readonly kind: NoiseKind;
}


/**
 * Random-noise baseline at the same budget as an attack, worst of k seeded draws per sample (a
 * fooling draw first, else the draw of highest loss). An adversarial attack that does no better
 * than this is not finding adversarial directions. Inference mode; the model is not changed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * @throws ConfigError for `flips` outside the binary domain or another kind on it, invalid ε or
 *   draws, a non-0/1 binary input or mismatched labels.
 * @example randomNoise(model, x, labels, { eps: 0.1, kind: 'uniform', draws: 10, domain: { kind: 'unit' }, seed: 0 })
 */
export function randomNoise(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: RandomNoiseOptions): RandomNoiseResult {
  checkDomain(o.domain);
  checkNonNegative('randomNoise: eps', o.eps);
  checkCount('randomNoise: draws', o.draws, 1);
  checkBatch(x, labels);
  if ((o.kind === 'flips') !== (o.domain.kind === 'binary')) {
    throw new ConfigError(`randomNoise: kind "${o.kind}" does not fit the ${o.domain.kind} domain (flips is the binary domain's only kind)`);
  }
  if (o.kind === 'flips') binaryBudget('randomNoise', o.eps);
  const rng = seededRng(o.seed);
  const worst = new WorstCase(x);
  try {
    for (let d = 0; d < o.draws; d++) {
      const xd = draw(x, o, rng);
      worst.offer(xd, evaluateAt(model, xd, labels, INFERENCE));
      xd.dispose();
    }
  } catch (err) {
    worst.dispose();
    throw err;
  }
  return { xAdv: worst.take(), fooled: worst.fooled, domain: o.domain, draws: o.draws, kind: o.kind };
}

/** One draw, projected onto the domain. Ownership: new tensor. */
function draw(x: tf.Tensor, o: RandomNoiseOptions, rng: Rng): tf.Tensor {
  if (o.kind === 'flips') {
    const B = x.shape[1]!;
    const s = flipStart(binaryInput('randomNoise', x), B);
    flipRandom(s, new Int32Array(B).fill(o.eps), B, x.size / (B * x.shape[0]!), rng);
    return flipTensor(s, x.shape);
  }
  const n = x.size;
  const unit = o.kind === 'uniform' ? uniformSigned(rng, n) : o.kind === 'sign' ? signs(rng, n) : gaussian(rng, n).map((g) => Math.min(Math.max(g, -1), 1));
  return tf.tidy(() => projectToDomain(tf.add(x, tf.mul(tf.tensor(unit, x.shape), o.eps)), o.domain));
}
