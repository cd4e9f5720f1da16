import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { Rng } from '../events/Rng.js';
import { projectToDomain, type InputDomain } from './InputDomain.js';
import { gaussian, uniformSigned } from './noise.js';

/** The continuous threat models (binary domains are L0 and handled apart). */
export type Norm = 'linf' | 'l2';

/** Axes of `[T, B, …]` other than the batch axis 1 (per-sample reductions keep B). */
export function sampleAxes(x: tf.Tensor): number[] {
  return [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)];
}

/** A per-sample `[B]` vector reshaped to broadcast against `[T, B, …]`. */
export function perSample(v: tf.Tensor, rank: number): tf.Tensor {
  return tf.reshape(v, [1, -1, ...Array.from({ length: rank - 2 }, () => 1)]);
}

/**
 * A per-sample value `v[b]` spread over the whole `[T, B, …]` shape. Same-shape element-wise ops
 * avoid tfjs cpu's broadcasting path (an index conversion per element, ~4× slower here).
 * Ownership: new tensor.
 */
export function expandPerSample(v: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  const [T = 0, B = 0] = shape;
  const size = shape.reduce((a, d) => a * d, 1);
  const frame = size / (T * B);
  const out = new Float32Array(size);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) out.fill(v[b]!, (t * B + b) * frame, (t * B + b + 1) * frame);
  return tf.tensor(out, [...shape]);
}

/** Per sample: `a` where `mask[b]` is 0, `b` where 1 (exact: the mask is 0 or 1). Ownership: new tensor. */
export function selectPerSample(a: tf.Tensor, b: tf.Tensor, mask: ArrayLike<number>): tf.Tensor {
  const n = mask.length;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += mask[i] === 1 ? 1 : 0;
  if (ones === 0) return tf.clone(a);
  if (ones === n) return tf.clone(b);
  return tf.tidy(() => tf.where(tf.cast(expandPerSample(mask, a.shape), 'bool'), b, a));
}

/** Per-sample L2 norm `[B]`. Ownership: new tensor. */
export function l2PerSample(d: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sqrt(tf.sum(tf.square(d), sampleAxes(d))));
}

/** Per-sample L∞ norm `[B]`. Ownership: new tensor. */
export function linfPerSample(d: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.max(tf.abs(d), sampleAxes(d)));
}

/**
 * `x + δ` with δ = `xa − x` projected onto the ε-ball (L∞: clip; L2: scaled down to norm ε), then
 * onto the domain. Clamping to the box [0, max] moves every coordinate toward x, which lies in the
 * box, so it never leaves the ball. Ownership: new tensor; inputs are not disposed.
 */
export function projectToBudget(x: tf.Tensor, xa: tf.Tensor, eps: number, norm: Norm, domain: InputDomain): tf.Tensor {
  return tf.tidy(() => {
    const d = tf.sub(xa, x);
    const inBall = norm === 'linf'
      ? tf.clipByValue(d, -eps, eps)
      : tf.mul(d, perSample(tf.minimum(1, tf.div(eps, tf.maximum(l2PerSample(d), 1e-12))), d.rank));
    return projectToDomain(tf.add(x, inBall), domain);
  });
}

/**
 * The ascent direction of one step: `sign(g)` (L∞) or `g / ‖g‖₂` per sample (L2; 0 where g = 0).
 * Ownership: new tensor.
 */
export function ascentDirection(g: tf.Tensor, norm: Norm): tf.Tensor {
  return tf.tidy(() => norm === 'linf'
    ? tf.sign(g)
    : tf.div(g, perSample(tf.maximum(l2PerSample(g), 1e-12), g.rank)));
}

/**
 * A seeded random start inside the ε-ball: L∞ uniform in [−ε, ε]; L2 a Gaussian direction scaled
 * to radius ε·u, u ~ U(0, 1). Ownership: new tensor of `x`'s shape (the offset δ, not x + δ).
 */
export function randomStart(x: tf.Tensor, eps: number, norm: Norm, rng: Rng): tf.Tensor {
  return tf.tidy(() => {
    if (norm === 'linf') return tf.mul(tf.tensor(uniformSigned(rng, x.size), x.shape), eps);
    const dir = tf.tensor(gaussian(rng, x.size), x.shape);
    const B = x.shape[1]!;
    const radius = tf.tensor1d(Float32Array.from({ length: B }, () => eps * rng.next()));
    return tf.mul(tf.div(dir, perSample(tf.maximum(l2PerSample(dir), 1e-12), x.rank)), perSample(radius, x.rank));
  });
}

/** @throws ConfigError unless `value` is finite and ≥ 0 (or > 0 when `positive`). */
export function checkNonNegative(what: string, value: number, positive = false): void {
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new ConfigError(`${what} must be finite and ${positive ? '> 0' : '≥ 0'}, got ${value}`);
  }
}

/** @throws ConfigError unless `value` is an integer ≥ `min`. */
export function checkCount(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${what} must be an integer ≥ ${min}, got ${value}`);
}
