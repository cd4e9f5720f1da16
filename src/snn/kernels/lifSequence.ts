import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { createNeuron } from '../neurons/index.js';
import { hasFastPath } from './fastPath.js';
import { SnnLif } from './kernelNames.js';
import { checkShape, lifKernelAttrs, type LifKernelOptions } from './lifKernelOptions.js';
import './registerSnnKernels.js';

/** Spikes of every step and the membrane after the last one (the state to stream on with). */
export interface LifSequenceResult {
  /** 0/1 float32, shape of `current`. */
  readonly spikes: tf.Tensor;
  /** Final membrane `v_{T−1}`, shape `current.shape.slice(1)`. */
  readonly v: tf.Tensor;
}

/**
 * LIF (or IF, `tau = 1`) over all steps of `current` `[T, …]` (time first) in one kernel:
 * `h_t = τ·v_{t−1} + I_t`, spike `h_t ≥ θ`, hard or soft reset, `v_{−1} = v0` (default 0).
 * Equal to the composed `createNeuron({ kind: 'lif', … }).run` in values (bit for bit) and gradients
 * (BPTT with the surrogate; w.r.t. `current` and `v0`). The backward recomputes the membranes from
 * the saved inputs. cpu: JS kernel; wasm: SIMD in place on the heap; other backends, or a surrogate
 * the kernels do not implement (not in KERNEL_SURROGATES): composed ops.
 *
 * Ownership: returns new tensors owned by the caller; `current` and `v0` are not disposed.
 * @throws ConfigError for invalid options, a non-float32 input, rank < 2, T = 0, or a `v0` whose
 *   shape is not `current.shape.slice(1)`.
 * @example
 * const { spikes, v } = lifSequence(currents, { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false,
 *   surrogate: triangle(1) });   // currents [T, B, H, W, C]; dispose spikes and v
 */
export function lifSequence(current: tf.Tensor, options: LifKernelOptions, v0?: tf.Tensor): LifSequenceResult {
  const [T = 0, ...step] = current.shape;
  if (current.rank < 2 || T === 0) throw new ConfigError(`lifSequence: current must be [T, …] with T ≥ 1, got [${current.shape.join(', ')}]`);
  if (current.dtype !== 'float32') throw new ConfigError(`lifSequence: current must be float32, got ${current.dtype}`);
  if (v0 !== undefined) checkShape('lifSequence: v0', v0.shape, step);
  const attrs = lifKernelAttrs(options, T);
  if (attrs === undefined || !hasFastPath(SnnLif)) {
    const { spikes, state } = createNeuron(options).run(current, v0 === undefined ? undefined : { v: v0 });
    return { spikes, v: state.v };
  }
  return tf.tidy(() => {
    const start = v0 ?? tf.fill(step, 0); // filled by the backend: no JS array copied in
    const [spikes, v] = tf.engine().runKernel(SnnLif, { current, v0: start }, attrs) as tf.Tensor[];
    return { spikes: spikes!, v: v! };
  });
}
