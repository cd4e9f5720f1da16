import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';

/** Names of the surrogate gradients (DESIGN.md: triangle trains; sigmoid, atan attack). */
export const SURROGATE_NAMES = ['triangle', 'sigmoid', 'atan', 'rectangle', 'fastSigmoid'] as const;
export type SurrogateName = (typeof SURROGATE_NAMES)[number];
/**
 * Every surrogate `surrogateOf` builds: the unit-area ones above (model specs, fused kernels) and
 * `straightThrough`, an attack-only estimator (the fused kernels run it as a rectangle of height 1).
 */
export type SurrogateKind = SurrogateName | 'straightThrough';

/**
 * A surrogate gradient for the Heaviside spike `H(u)`, `u = membrane − θ` (dimensionless,
 * in units of the membrane). Every surrogate here is the exact derivative of a smooth step
 * `smooth(u)` rising from 0 (u → −∞) to 1 (u → +∞), so `∫ grad = 1` (unit area) for any γ;
 * the default γ of each factory gives a peak `grad(0) = 1`. The one exception is
 * {@link straightThrough} (gradient 1 on a window, not unit area), used only by attacks.
 *
 * Ownership: `grad` and `smooth` return a new tensor owned by the caller; `u` is not disposed.
 */
export interface Surrogate {
  readonly name: SurrogateKind;
  /** The shape parameter γ; its meaning (width or sharpness) is given by each factory. */
  readonly gamma: number;
  /** dH/du as used in the backward pass, elementwise, same shape as `u`. */
  grad(u: tf.Tensor): tf.Tensor;
  /** The smooth step whose derivative `grad` is (for finite-difference tests, smoothed models). */
  smooth(u: tf.Tensor): tf.Tensor;
}

function checkGamma(name: SurrogateKind, gamma: number): void {
  if (!(gamma > 0 && Number.isFinite(gamma))) {
    throw new ConfigError(`surrogate ${name}: gamma must be finite and > 0, got ${gamma}`);
  }
}

/**
 * Triangle of half-width γ (the paper's training surrogate, γ = 1):
 * `grad(u) = max(0, γ − |u|) / γ²` (peak 1/γ, support (−γ, γ));
 * `smooth` is the piecewise-quadratic step `(u+γ)²/2γ²` on [−γ, 0], `1 − (γ−u)²/2γ²` on [0, γ].
 * @throws ConfigError if γ is not finite and positive.
 * @example const sg = triangle(1); const g = sg.grad(u); // caller disposes g
 */
export function triangle(gamma = 1): Surrogate {
  checkGamma('triangle', gamma);
  const g2 = gamma * gamma;
  return {
    name: 'triangle',
    gamma,
    grad: (u) => tf.tidy(() => tf.div(tf.relu(tf.sub(gamma, tf.abs(u))), g2)),
    smooth: (u) =>
      tf.tidy(() => {
        const c = tf.clipByValue(u, -gamma, gamma);
        const rise = tf.div(tf.square(tf.add(c, gamma)), 2 * g2);
        const fall = tf.sub(1, tf.div(tf.square(tf.sub(gamma, c)), 2 * g2));
        return tf.where(tf.less(c, 0), rise, fall);
      }),
  };
}

/**
 * Logistic sigmoid of sharpness α = γ (the torch peer's surrogate, α = 4):
 * `smooth(u) = σ(αu)`, `grad(u) = α·σ(αu)·(1 − σ(αu))` (peak α/4).
 * @throws ConfigError if γ is not finite and positive.
 * @example sigmoid(4).grad(u) // equals the peer's SpikeFn.backward factor
 */
export function sigmoid(gamma = 4): Surrogate {
  checkGamma('sigmoid', gamma);
  return {
    name: 'sigmoid',
    gamma,
    grad: (u) =>
      tf.tidy(() => {
        const s = tf.sigmoid(tf.mul(u, gamma));
        return tf.mul(tf.mul(s, tf.sub(1, s)), gamma);
      }),
    smooth: (u) => tf.tidy(() => tf.sigmoid(tf.mul(u, gamma))),
  };
}

/**
 * Arctangent of sharpness α = γ (snnTorch/SpikingJelly `atan`, α = 2):
 * `smooth(u) = 1/2 + atan(παu/2)/π`, `grad(u) = (α/2) / (1 + (παu/2)²)` (peak α/2).
 * @throws ConfigError if γ is not finite and positive.
 * @example atan(2).grad(u)
 */
export function atan(gamma = 2): Surrogate {
  checkGamma('atan', gamma);
  const k = (Math.PI / 2) * gamma;
  return {
    name: 'atan',
    gamma,
    grad: (u) => tf.tidy(() => tf.div(gamma / 2, tf.add(1, tf.square(tf.mul(u, k))))),
    smooth: (u) => tf.tidy(() => tf.add(0.5, tf.div(tf.atan(tf.mul(u, k)), Math.PI))),
  };
}

/**
 * Rectangle (box) of full width γ (Wu et al. 2018): `grad(u) = 1/γ` for `|u| < γ/2`, else 0;
 * `smooth(u) = clamp(u/γ + 1/2, 0, 1)` (not differentiable at `|u| = γ/2`).
 * @throws ConfigError if γ is not finite and positive.
 * @example rectangle(1).grad(u)
 */
export function rectangle(gamma = 1): Surrogate {
  checkGamma('rectangle', gamma);
  return {
    name: 'rectangle',
    gamma,
    grad: (u) => tf.tidy(() => tf.div(tf.cast(tf.less(tf.abs(u), gamma / 2), 'float32'), gamma)),
    smooth: (u) => tf.tidy(() => tf.clipByValue(tf.add(tf.div(u, gamma), 0.5), 0, 1)),
  };
}

/**
 * Fast sigmoid of slope k = γ (Zenke & Ganguli's SuperSpike), normalised to unit area:
 * `smooth(u) = 1/2 + ku / (2(1 + k|u|))`, `grad(u) = k / (2(1 + k|u|)²)` (peak k/2).
 * snnTorch's `fast_sigmoid(slope)` is `1/(1 + slope·|u|)²`, i.e. ours times 2/k.
 * @throws ConfigError if γ is not finite and positive.
 * @example fastSigmoid(2).grad(u)
 */
export function fastSigmoid(gamma = 2): Surrogate {
  checkGamma('fastSigmoid', gamma);
  return {
    name: 'fastSigmoid',
    gamma,
    grad: (u) => tf.tidy(() => tf.div(gamma / 2, tf.square(tf.add(1, tf.mul(tf.abs(u), gamma))))),
    smooth: (u) =>
      tf.tidy(() => tf.add(0.5, tf.div(tf.mul(u, gamma / 2), tf.add(1, tf.mul(tf.abs(u), gamma))))),
  };
}

/**
 * Straight-through estimator (Bengio et al. 2013, hardtanh form): the backward pass treats the
 * spike as the identity on the window `|u| ≤ γ` — `grad(u) = 1` there, 0 outside (default γ = 1,
 * i.e. a membrane within one threshold of θ); `smooth(u) = clamp(u, −γ, γ) + 1/2`. Its area is 2γ,
 * not 1: it is for attacks (the `wide` ensemble), not for model specs. The fused LIF kernels run it
 * as their rectangle test.
 * @throws ConfigError if γ is not finite and positive.
 * @example straightThrough().grad(u) // 1 where |u| ≤ 1
 */
export function straightThrough(gamma = 1): Surrogate {
  checkGamma('straightThrough', gamma);
  return {
    name: 'straightThrough',
    gamma,
    grad: (u) => tf.tidy(() => tf.cast(tf.lessEqual(tf.abs(u), gamma), 'float32')),
    smooth: (u) => tf.tidy(() => tf.add(tf.clipByValue(u, -gamma, gamma), 0.5)),
  };
}

/**
 * A surrogate by name, with its default γ unless one is given (e.g. from a model spec or an attr).
 * @throws ConfigError for an unknown name or an invalid γ.
 * @example surrogateOf('atan')       // atan(2)
 * @example surrogateOf('sigmoid', 8) // sigmoid(8)
 */
export function surrogateOf(name: string, gamma?: number): Surrogate {
  switch (name) {
    case 'triangle':
      return triangle(gamma);
    case 'sigmoid':
      return sigmoid(gamma);
    case 'atan':
      return atan(gamma);
    case 'rectangle':
      return rectangle(gamma);
    case 'fastSigmoid':
      return fastSigmoid(gamma);
    case 'straightThrough':
      return straightThrough(gamma);
    default:
      throw new ConfigError(`unknown surrogate "${name}"; expected one of ${SURROGATE_NAMES.join(', ')}, straightThrough`);
  }
}
