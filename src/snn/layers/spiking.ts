import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { NeuronSpec } from '../model/spec.js';
import { lifAvgPool2 } from '../kernels/lifAvgPool2.js';
import type { LifKernelOptions } from '../kernels/lifKernelOptions.js';
import { lifSequence } from '../kernels/lifSequence.js';
import { createNeuron, type NeuronOptions } from '../neurons/index.js';
import { surrogateOf, type Surrogate } from '../surrogates.js';
import { ownVariable } from './initWeights.js';
import type { ForwardContext, Layer, Param } from './Layer.js';

/**
 * Rate-based gradient (RGA-style, Bu et al. 2024): forward passes the neuron's `spikes` (of
 * `current`, `[T, B, …]`) unchanged; backward treats the layer as a rate unit
 * `r = clamp(mean_t I / θ, 0, 1)` — the IF neuron's firing rate — so every step receives
 * `dI_t = (Σ_t' ds_t') · [0 < r < 1] / (θ·T)`, with `r` measured from the spikes. The spikes enter
 * by closure, not as an input, so the backward never differentiates the neuron that made them.
 */
function rateGradient(theta: number, T: number, spikes: tf.Tensor): (current: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [current, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([spikes]);
    return {
      value: tf.clone(spikes),
      gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => tf.tidy(() => {
        const spikeCount = sumOverTime(s!, T);
        const active = tf.cast(tf.logicalAnd(tf.greater(spikeCount, 0), tf.less(spikeCount, T)), 'float32');
        const perStep = tf.div(tf.mul(sumOverTime(dy, T), active), theta * T);
        return tf.mul(tf.onesLike(current), perStep);
      }),
    };
  });
}

/**
 * `Σ_t x[t]` of a time-major `[T, …]` float32 tensor, summed in one pass over its values: the wasm
 * backend's axis-0 `sum`/`mean` (a transpose first), `unstack` and `slice` each took 40–80 ms of a
 * ~100 ms RGA gradient step on csnn-nmnist at B 8; `[1, T] × [T, N]` took 9 ms; this loop ~2 ms.
 */
function sumOverTime(x: tf.Tensor, T: number): tf.Tensor {
  const values = x.dataSync() as Float32Array;
  const n = values.length / T;
  const out = new Float32Array(n);
  for (let t = 0; t < T; t++) {
    const base = t * n;
    for (let i = 0; i < n; i++) out[i]! += values[base + i]!;
  }
  return tf.tensor(out, x.shape.slice(1), 'float32');
}

function tauLogitOf(tau: number): number {
  return Math.log(tau / (1 - tau));
}

/**
 * A spiking layer (IF, LIF or PLIF) on folded time: `[T·B, …]` currents → `[T·B, …]` 0/1 spikes,
 * plus the final membrane `[B, …]` for streaming. PLIF learns one τ per layer (`σ(w)`, w from τ).
 * @throws ConfigError for a PLIF τ of 1 (its logit is infinite).
 * @example buildSpiking({ kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 } }, [34, 34, 16], 'lif1')
 */
export function buildSpiking(neuron: NeuronSpec, inShape: readonly number[], name: string): Layer {
  if (neuron.kind === 'plif' && !(neuron.tau < 1)) throw new ConfigError(`${name}: plif needs an initial tau < 1`);
  const params: Param[] = neuron.kind === 'plif'
    ? [{ name: `${name}.tauLogit`, trainable: true, variable: ownVariable(tf.scalar(tauLogitOf(neuron.tau))) }]
    : [];
  const trained = surrogateOf(neuron.surrogate.name, neuron.surrogate.gamma);
  const common = { theta: neuron.theta, reset: neuron.reset, detachReset: neuron.detachReset };
  /** IF and LIF run as one fused kernel (src/snn/kernels); PLIF's learnable τ needs the composed ops. */
  const fusedOptions = (surrogate: Surrogate): LifKernelOptions | undefined =>
    neuron.kind === 'plif' ? undefined : { ...neuron, surrogate };
  const run = (unfolded: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor): { spikes: tf.Tensor; v: tf.Tensor } => {
    const surrogate = ctx.surrogate ?? trained;
    const fused = fusedOptions(surrogate);
    if (fused !== undefined) return lifSequence(unfolded, fused, v0);
    const plif: NeuronOptions = { kind: 'plif', tauLogit: params[0]!.variable, ...common, surrogate };
    const { spikes, state } = createNeuron(plif).run(unfolded, v0 === undefined ? undefined : { v: v0 });
    return { spikes, v: state.v };
  };
  return {
    kind: neuron.kind,
    outputShape: inShape,
    params,
    forward: (x: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor) => tf.tidy(() => {
      const b = x.shape[0]! / ctx.T;
      const unfolded = tf.reshape(x, [ctx.T, b, ...inShape]);
      if (ctx.gradient === 'rate') {
        const { spikes, v } = run(unfolded, ctx, v0);
        return { y: tf.reshape(rateGradient(neuron.theta, ctx.T, spikes)(unfolded), x.shape), v };
      }
      const { spikes, v } = run(unfolded, ctx, v0);
      return { y: tf.reshape(spikes, x.shape), v };
    }),
    ...(neuron.kind !== 'plif' && inShape.length === 3 ? {
      forwardAvgPool2: (x: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor) => tf.tidy(() => {
        const { pooled, v } = lifAvgPool2(x as tf.Tensor4D, ctx.T, fusedOptions(ctx.surrogate ?? trained)!, v0 as tf.Tensor4D | undefined);
        return { y: pooled, v };
      }),
    } : {}),
  };
}
