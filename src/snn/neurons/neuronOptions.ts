import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { Surrogate } from '../surrogates.js';
import type { ResetMode } from './reset.js';

/** The neuron models, in the spec, the layers and the kernels alike. */
export type NeuronKind = 'if' | 'lif' | 'plif';

/**
 * What every spiking neuron has; nothing has a default (STYLE §5). `S` describes the surrogate:
 * a {@link Surrogate} at run time, a `{ name, gamma? }` in the JSON model spec.
 */
export interface NeuronCommon<S> {
  /** Firing threshold θ (membrane units, > 0): a spike when the membrane is ≥ θ. */
  readonly theta: number;
  readonly reset: ResetMode;
  /** Whether the reset passes gradient through the spike (false = the torch peer). */
  readonly detachReset: boolean;
  /** Backward of the spike nonlinearity. */
  readonly surrogate: S;
}

/**
 * The one neuron configuration, discriminated by `kind`: IF `h = v + I`; LIF `h = τ·v + I`, τ a
 * per-step decay in (0, 1] (peer: 0.5); PLIF (Fang et al. 2021) a learnable `τ = σ(w)`, whose
 * fields `P` differ by use: its logit tensor at run time, its initial τ in the spec.
 */
export type NeuronConfig<S, P> =
  | (NeuronCommon<S> & { readonly kind: 'if' })
  | (NeuronCommon<S> & { readonly kind: 'lif'; readonly tau: number })
  | (NeuronCommon<S> & { readonly kind: 'plif' } & P);

/**
 * Run-time neuron options (layers, {@link createNeuron}, the fused kernels). PLIF's `tauLogit`
 * is `w`, typically a `tf.Variable`, scalar or broadcastable to one step's input (e.g. `[C]`); it
 * is read, never disposed, and gradients reach it when it is a variable or a `tf.grads` argument.
 */
export type NeuronOptions = NeuronConfig<Surrogate, { readonly tauLogit: tf.Tensor }>;

/**
 * Validates neuron options once (then bound by {@link createNeuron}).
 * @throws ConfigError for θ ≤ 0, τ outside (0, 1], an unknown reset mode or a non-float `tauLogit`.
 * @example checkNeuronOptions({ kind: 'if', theta: 1, reset: 'hard', detachReset: false, surrogate: triangle() });
 */
export function checkNeuronOptions(o: NeuronOptions): void {
  if (!(o.theta > 0 && Number.isFinite(o.theta))) throw new ConfigError(`${o.kind}: theta must be > 0, got ${o.theta}`);
  if (o.reset !== 'hard' && o.reset !== 'soft') throw new ConfigError(`${o.kind}: reset must be hard or soft, got ${String(o.reset)}`);
  if (typeof o.detachReset !== 'boolean') throw new ConfigError(`${o.kind}: detachReset must be given (true or false)`);
  if (o.kind === 'lif' && !(o.tau > 0 && o.tau <= 1)) throw new ConfigError(`lif: tau must be in (0, 1], got ${o.tau}`);
  if (o.kind === 'plif' && o.tauLogit.dtype !== 'float32') {
    throw new ConfigError(`plif: tauLogit must be float32, got ${o.tauLogit.dtype}`);
  }
}
