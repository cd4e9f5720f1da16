import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { seededRng } from '../events/seededRng.js';
import type { Rng } from '../events/Rng.js';
import type { SnnModel } from '../snn/index.js';
import { checkBatch, lossGradient } from './attackGradient.js';
import { ApgdSchedule } from './apgdSchedule.js';
import type { AttackResult } from './AttackResult.js';
import type { GradientSetting } from './GradientSetting.js';
import { checkDomain, type InputDomain } from './InputDomain.js';
import { gaussian, uniformSigned } from './noise.js';
import {
  ascentDirection, checkCount, checkNonNegative, expandPerSample, l2PerSample, linfPerSample, perSample, projectToBudget,
  selectPerSample, type Norm,
} from './perturbation.js';
import { WorstCase } from './WorstCase.js';

export interface ApgdOptions {
  /** Budget in the domain's units (L∞ or L2 radius). Binary domains are not supported (use `pgd`). */
  readonly eps: number;
  readonly norm: Norm;
  /** Iterations N per restart (the checkpoints scale with N). */
  readonly steps: number;
  readonly restarts: number;
  readonly domain: InputDomain;
  readonly gradient: GradientSetting;
  readonly seed: number;
  /** Oscillation threshold ρ (default 0.75, AutoAttack's). */
  readonly rho?: number;
}

const MOMENTUM = 0.75;

/**
 * APGD-CE (Croce & Hein 2020): PGD on the cross-entropy with no step size to tune — the step
 * starts at 2ε and is halved per sample at checkpoints (see {@link ApgdSchedule}), restarting from
 * the sample's best point; each step mixes in momentum 0.75 of the previous move. Each restart
 * starts at a seeded random point on the ε-sphere. Per sample it keeps the strongest point over
 * all iterates and restarts. Inference mode, fresh state per sample; the model is not changed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * @throws ConfigError for a binary domain, invalid budget or counts, or mismatched labels.
 * @example apgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 20, restarts: 1, domain: { kind: 'unit' }, gradient, seed: 0 })
 */
export function apgd(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: ApgdOptions): AttackResult {
  checkDomain(o.domain);
  if (o.domain.kind === 'binary') throw new ConfigError('apgd: the binary domain (L0 flips) is not supported; use pgd');
  checkNonNegative('apgd: eps', o.eps);
  checkCount('apgd: steps', o.steps, 1);
  checkCount('apgd: restarts', o.restarts, 1);
  checkBatch(x, labels);
  const rng = seededRng(o.seed);
  const worst = new WorstCase(x);
  try {
    for (let r = 0; r < o.restarts; r++) runOnce(model, x, labels, o, rng, worst);
  } catch (err) {
    worst.dispose();
    throw err;
  }
  return { xAdv: worst.take(), fooled: worst.fooled, domain: o.domain };
}

/** A start on the ε-sphere of the norm (AutoAttack: a random direction normalised to ε), projected. */
function sphereStart(x: tf.Tensor, o: ApgdOptions, rng: Rng): tf.Tensor {
  return tf.tidy(() => {
    const t = tf.tensor(o.norm === 'linf' ? uniformSigned(rng, x.size) : gaussian(rng, x.size), x.shape);
    const size = o.norm === 'linf' ? linfPerSample(t) : l2PerSample(t);
    const d = tf.mul(tf.div(t, perSample(tf.add(size, 1e-12), x.rank)), o.eps);
    return projectToBudget(x, tf.add(x, d), o.eps, o.norm, o.domain);
  });
}

/** One momentum step from `xa` (previous point `xaOld`), both projected as AutoAttack does. */
function step(x: tf.Tensor, xa: tf.Tensor, xaOld: tf.Tensor, grad: tf.Tensor, size: Float32Array, a: number, o: ApgdOptions): tf.Tensor {
  return tf.tidy(() => {
    const eta = expandPerSample(size, x.shape);
    const z = projectToBudget(x, tf.add(xa, tf.mul(ascentDirection(grad, o.norm), eta)), o.eps, o.norm, o.domain);
    const moved = tf.add(tf.add(xa, tf.mul(tf.sub(z, xa), a)), tf.mul(tf.sub(xa, xaOld), 1 - a));
    return projectToBudget(x, moved, o.eps, o.norm, o.domain);
  });
}

function runOnce(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: ApgdOptions, rng: Rng, worst: WorstCase): void {
  let xa = sphereStart(x, o, rng);
  let xaOld = tf.clone(xa);
  let { grad, at } = lossGradient(model, xa, labels, o.gradient);
  worst.offer(xa, at);
  const best = { x: tf.clone(xa), grad: tf.clone(grad), loss: Float32Array.from(at.loss) };
  const schedule = new ApgdSchedule(at.loss, o.eps, o.steps, o.rho ?? 0.75);
  try {
    for (let i = 0; i < o.steps; i++) {
      const next = step(x, xa, xaOld, grad, schedule.stepSize, i > 0 ? MOMENTUM : 1, o);
      tf.dispose([xaOld, grad]);
      [xaOld, xa] = [xa, next];
      ({ grad, at } = lossGradient(model, xa, labels, o.gradient));
      worst.offer(xa, at);
      const improved = Uint8Array.from(at.loss, (l, b) => (l > best.loss[b]! ? 1 : 0));
      improved.forEach((u, b) => { if (u === 1) best.loss[b] = at.loss[b]!; });
      [best.x, best.grad] = swap([best.x, best.grad], [selectPerSample(best.x, xa, improved), selectPerSample(best.grad, grad, improved)]);
      const halve = schedule.record(at.loss, best.loss);
      if (halve !== null && halve.some((h) => h === 1)) [xa, grad] = swap([xa, grad], [selectPerSample(xa, best.x, halve), selectPerSample(grad, best.grad, halve)]);
    }
  } finally {
    tf.dispose([xa, xaOld, grad, best.x, best.grad]);
  }
}

/** Disposes `old` and returns `next` (replacing tensors held in variables). */
function swap(old: tf.Tensor[], next: [tf.Tensor, tf.Tensor]): [tf.Tensor, tf.Tensor] {
  tf.dispose(old);
  return next;
}
