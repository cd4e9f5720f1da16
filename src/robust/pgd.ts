import * as tf from '@tensorflow/tfjs-core';
import { seededRng } from '../events/seededRng.js';
import type { Rng } from '../events/Rng.js';
import type { SnnModel } from '../snn/index.js';
import { checkBatch, evaluateAt, lossGradient } from './attackGradient.js';
import type { AttackResult } from './AttackResult.js';
import { binaryBudget, binaryInput } from './binaryInput.js';
import { flipRandom, flipStart, flipTensor, flipTopGain } from './binaryFlips.js';
import type { GradientSetting } from './GradientSetting.js';
import { checkDomain, type InputDomain } from './InputDomain.js';
import { ascentDirection, checkCount, checkNonNegative, projectToBudget, randomStart, type Norm } from './perturbation.js';
import { WorstCase } from './WorstCase.js';

export interface PgdOptions {
  /** Budget in the domain's units (L∞ or L2 radius); for `binary`, cells flipped per sample (L0, `norm` unused). */
  readonly eps: number;
  readonly norm: Norm;
  /** Gradient steps per restart (≥ 0; 0 = the start point only). */
  readonly steps: number;
  /** Step length in the domain's units (L∞: per cell; L2: per sample); `binary`: cells flipped per step (integer ≥ 1). */
  readonly stepSize: number;
  /** Start each restart at a seeded random point of the ball (`binary`: ⌊ε/2⌋ random flips). */
  readonly randomStart: boolean;
  /** Runs; the result is the per-sample worst case over all runs (≥ 1). */
  readonly restarts: number;
  readonly domain: InputDomain;
  readonly gradient: GradientSetting;
  /** Seeds the random starts (`seededRng`). */
  readonly seed: number;
}

/**
 * Projected gradient descent (Madry et al. 2018) on the cross-entropy, under L∞ or L2: steps
 * `x ← Π(x + α·dir(∇x CE))` (dir = sign or g/‖g‖₂), Π onto the ε-ball around the clean input and
 * the domain. Per sample it keeps the strongest point over every iterate and restart (a fooling
 * point first, else the highest loss). Binary domain: greedy L0 steps flipping the `stepSize`
 * unflipped cells of largest first-order gain until ε cells are flipped.
 * Inference mode, fresh state per sample; the model is not changed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * @throws ConfigError for invalid budgets, counts, domain, a non-0/1 binary input or mismatched labels.
 * @example pgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 10, stepSize: 0.025, randomStart: true, restarts: 1, domain: { kind: 'unit' }, gradient, seed: 0 })
 */
export function pgd(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: PgdOptions): AttackResult {
  checkPgdOptions(o);
  checkBatch(x, labels);
  const rng = seededRng(o.seed);
  const worst = new WorstCase(x);
  try {
    for (let r = 0; r < o.restarts; r++) {
      if (o.domain.kind === 'binary') runBinary(model, x, labels, o, rng, worst);
      else runContinuous(model, x, labels, o, rng, worst);
    }
  } catch (err) {
    worst.dispose();
    throw err;
  }
  return { xAdv: worst.take(), fooled: worst.fooled, domain: o.domain };
}

function checkPgdOptions(o: PgdOptions): void {
  checkDomain(o.domain);
  checkNonNegative('pgd: eps', o.eps);
  checkCount('pgd: steps', o.steps, 0);
  checkCount('pgd: restarts', o.restarts, 1);
  if (o.domain.kind === 'binary') {
    binaryBudget('pgd', o.eps);
    checkCount('pgd: stepSize (cells per step, binary domain)', o.stepSize, 1);
  } else {
    checkNonNegative('pgd: stepSize', o.stepSize, true);
  }
}

function runContinuous(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: PgdOptions, rng: Rng, worst: WorstCase): void {
  let xa = tf.tidy(() => {
    const start = o.randomStart ? tf.add(x, randomStart(x, o.eps, o.norm, rng)) : x;
    return projectToBudget(x, start, o.eps, o.norm, o.domain);
  });
  for (let s = 0; s < o.steps; s++) {
    const { grad, at } = lossGradient(model, xa, labels, o.gradient);
    worst.offer(xa, at);
    const next = tf.tidy(() => projectToBudget(x, tf.add(xa, tf.mul(ascentDirection(grad, o.norm), o.stepSize)), o.eps, o.norm, o.domain));
    grad.dispose();
    xa.dispose();
    xa = next;
  }
  worst.offer(xa, evaluateAt(model, xa, labels, o.gradient));
  xa.dispose();
}

function runBinary(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: PgdOptions, rng: Rng, worst: WorstCase): void {
  const B = x.shape[1]!;
  const frame = x.size / (B * x.shape[0]!);
  const s = flipStart(binaryInput('pgd', x), B);
  if (o.randomStart) flipRandom(s, new Int32Array(B).fill(Math.floor(o.eps / 2)), B, frame, rng);
  for (let step = 0; step < o.steps; step++) {
    const xa = flipTensor(s, x.shape);
    const { grad, at } = lossGradient(model, xa, labels, o.gradient);
    worst.offer(xa, at);
    const quota = Int32Array.from(s.count, (c) => Math.min(o.stepSize, o.eps - c));
    flipTopGain(s, grad.dataSync() as Float32Array, quota, B, frame);
    grad.dispose();
    xa.dispose();
  }
  const xa = flipTensor(s, x.shape);
  worst.offer(xa, evaluateAt(model, xa, labels, o.gradient));
  xa.dispose();
}
