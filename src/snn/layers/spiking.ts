import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { NeuronSpec } from '../model/spec.js';
import { createNeuron, detach, type NeuronOptions } from '../neurons/index.js';
import { surrogateOf, type Surrogate } from '../surrogates.js';
import { ownVariable } from './initWeights.js';
import type { ForwardContext, Layer, Param } from './Layer.js';

/**
 * Rate-based gradient (RGA-style, Bu et al. 2024): forward passes the spikes `s` unchanged;
 * backward treats the layer as a rate unit `r = clamp(mean_t I / θ, 0, 1)` — the IF neuron's
 * firing rate — so every step receives `dI_t = (Σ_t' ds_t') · [0 < r < 1] / (θ·T)`, with `r`
 * measured from the spikes. No gradient reaches `s` itself.
 */
function rateGradient(theta: number, T: number): (current: tf.Tensor, spikes: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [current, spikes, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([spikes]);
    return {
      value: tf.clone(spikes),
      gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => tf.tidy(() => {
        const rate = tf.mean(s!, 0);
        const active = tf.cast(tf.logicalAnd(tf.greater(rate, 0), tf.less(rate, 1)), 'float32');
        const perStep = tf.div(tf.mul(tf.sum(dy, 0), active), theta * T);
        return [tf.mul(tf.onesLike(current), perStep), tf.zerosLike(s!)];
      }),
    };
  });
}

function tauLogitOf(tau: number): number {
  return Math.log(tau / (1 - tau));
}

/**
 * A spiking layer (IF, LIF or PLIF) on folded time: `[T·B, …]` currents → `[T·B, …]` 0/1 spikes,
 * plus the final membrane `[B, …]` for streaming. PLIF learns one τ per layer (`σ(w)`, w from τ).
 * @throws ConfigError for a PLIF τ of 1 (its logit is infinite) or missing LIF/PLIF τ.
 * @example buildSpiking({ kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 } }, [34, 34, 16], 'lif1')
 */
export function buildSpiking(neuron: NeuronSpec, inShape: readonly number[], name: string): Layer {
  if (neuron.kind !== 'if' && neuron.tau === undefined) throw new ConfigError(`${name}: ${neuron.kind} needs tau`);
  if (neuron.kind === 'plif' && !(neuron.tau! < 1)) throw new ConfigError(`${name}: plif needs an initial tau < 1`);
  const params: Param[] = neuron.kind === 'plif'
    ? [{ name: `${name}.tauLogit`, trainable: true, variable: ownVariable(tf.scalar(tauLogitOf(neuron.tau!))) }]
    : [];
  const trained = surrogateOf(neuron.surrogate.name, neuron.surrogate.gamma);
  const optionsWith = (surrogate: Surrogate): NeuronOptions => {
    const common = { theta: neuron.theta, reset: neuron.reset, detachReset: neuron.detachReset, surrogate };
    if (neuron.kind === 'if') return { kind: 'if', ...common };
    if (neuron.kind === 'lif') return { kind: 'lif', tau: neuron.tau!, ...common };
    return { kind: 'plif', tauLogit: params[0]!.variable, ...common };
  };
  return {
    kind: neuron.kind,
    outputShape: inShape,
    params,
    forward: (x: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor) => tf.tidy(() => {
      const b = x.shape[0]! / ctx.T;
      const unfolded = tf.reshape(x, [ctx.T, b, ...inShape]);
      const cell = createNeuron(optionsWith(ctx.surrogate ?? trained));
      const state = v0 === undefined ? undefined : { v: v0 };
      if (ctx.gradient === 'rate') {
        const { spikes, state: end } = cell.run(detach(unfolded), state);
        return { y: tf.reshape(rateGradient(neuron.theta, ctx.T)(unfolded, spikes), x.shape), v: end.v };
      }
      const { spikes, state: end } = cell.run(unfolded, state);
      return { y: tf.reshape(spikes, x.shape), v: end.v };
    }),
  };
}
