import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { Surrogate } from '../surrogates.js';
import type { ResetMode } from './reset.js';

/** What every spiking neuron needs; nothing has a default (STYLE §5). */
export interface NeuronCommonOptions {
  /** Firing threshold θ (membrane units, > 0): a spike when the membrane is ≥ θ. */
  readonly theta: number;
  readonly reset: ResetMode;
  /** Whether the reset passes gradient through the spike (false = the torch peer). */
  readonly detachReset: boolean;
  /** Backward of the spike nonlinearity. */
  readonly surrogate: Surrogate;
}

/** Integrate-and-fire: `h = v + I`. */
export interface IfOptions extends NeuronCommonOptions {
  readonly kind: 'if';
}

/** Leaky integrate-and-fire: `h = τ·v + I`, τ a per-step decay factor in (0, 1] (peer: 0.5). */
export interface LifOptions extends NeuronCommonOptions {
  readonly kind: 'lif';
  readonly tau: number;
}

/**
 * Parametric LIF (Fang et al. 2021): learnable decay `τ = σ(w)`, `h = τ·v + I`. `tauLogit` is `w`,
 * typically a `tf.Variable`, scalar or broadcastable to one step's input (e.g. `[C]`); it is read,
 * never disposed, and gradients reach it when it is a variable or a `tf.grads` argument.
 */
export interface PlifOptions extends NeuronCommonOptions {
  readonly kind: 'plif';
  readonly tauLogit: tf.Tensor;
}

/** One of the neuron models, discriminated by `kind`. */
export type NeuronOptions = IfOptions | LifOptions | PlifOptions;

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
