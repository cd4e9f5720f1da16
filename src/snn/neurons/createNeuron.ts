import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { charge } from './charge.js';
import { fire, heaviside } from './fire.js';
import { checkNeuronOptions, type NeuronOptions } from './neuronOptions.js';
import { reset } from './reset.js';

/** A neuron's state between steps: the membrane after reset, shape of one step's input. */
export interface NeuronState {
  readonly v: tf.Tensor;
}

/** Spikes of one step (0/1 float32, shape of the input) and the next state. */
export interface NeuronStepResult {
  readonly spikes: tf.Tensor;
  readonly state: NeuronState;
}

/** A neuron model with its options checked and bound. Stateless: state is passed in and out. */
export interface Neuron {
  readonly options: NeuronOptions;
  /**
   * One step: charge, fire, reset. `state` absent = membrane 0.
   * Ownership: returns new tensors owned by the caller; `input` and `state` are not disposed.
   * @throws ConfigError if `state.v` and `input` differ in shape.
   */
  step(input: tf.Tensor, state?: NeuronState): NeuronStepResult;
  /**
   * All steps of `inputs` `[T, B, …]` (time first): spikes `[T, B, …]` and the final state.
   * Differentiable end to end (BPTT through charge, surrogate and, unless detached, reset).
   * Ownership: returns new tensors owned by the caller; intermediates are disposed.
   * @throws ConfigError if `inputs` has rank < 2, T = 0, or `state.v` is not `inputs.shape[1:]`.
   */
  run(inputs: tf.Tensor, state?: NeuronState): NeuronStepResult;
}

/**
 * Binds neuron options (IF, LIF or PLIF) to step and multi-step functions made of tfjs ops — the
 * slow path and test oracle for fused kernels.
 * @throws ConfigError for invalid options (see {@link checkNeuronOptions}).
 * @example
 * const lif = createNeuron({ kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false,
 *   surrogate: sigmoid(4) });
 * const { spikes, state } = lif.run(currents); // [T,B,H,W,C] -> [T,B,H,W,C]; dispose both
 */
export function createNeuron(options: NeuronOptions): Neuron {
  checkNeuronOptions(options);
  const spikeFn = heaviside(options.surrogate);
  const resetOptions = { mode: options.reset, theta: options.theta, detach: options.detachReset };
  const tauOf = (): number | tf.Tensor | null =>
    options.kind === 'if' ? null : options.kind === 'lif' ? options.tau : tf.sigmoid(options.tauLogit);
  const stepCore = (v: tf.Tensor, x: tf.Tensor, tau: number | tf.Tensor | null): [tf.Tensor, tf.Tensor] => {
    const h = charge(v, x, tau);
    const s = fire(h, options.theta, spikeFn);
    return [s, reset(h, s, resetOptions)];
  };
  return {
    options,
    step: (input, state) =>
      tf.tidy(() => {
        checkState(state, input.shape, options.kind);
        const [spikes, v] = stepCore(state?.v ?? tf.zeros(input.shape), input, tauOf());
        return { spikes, state: { v } };
      }),
    run: (inputs, state) =>
      tf.tidy(() => {
        if (inputs.rank < 2 || inputs.shape[0] === 0) {
          throw new ConfigError(`${options.kind}: inputs must be [T, B, …] with T ≥ 1, got [${inputs.shape.join(', ')}]`);
        }
        checkState(state, inputs.shape.slice(1), options.kind);
        const tau = tauOf();
        const steps = tf.unstack(inputs);
        let v = state?.v ?? tf.zeros(inputs.shape.slice(1));
        const spikes: tf.Tensor[] = [];
        for (const x of steps) {
          const [s, next] = stepCore(v, x, tau);
          spikes.push(s);
          v = next;
        }
        return { spikes: tf.stack(spikes), state: { v } };
      }),
  };
}

function checkState(state: NeuronState | undefined, shape: readonly number[], kind: string): void {
  if (state === undefined) return;
  const got = state.v.shape;
  if (got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
    throw new ConfigError(`${kind}: state shape [${got.join(', ')}] differs from input step shape [${shape.join(', ')}]`);
  }
}
