import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { avgPool2Composed } from './avgPool2Composed.js';
import { hasFastPath } from './fastPath.js';
import { SnnLifAvgPool2 } from './kernelNames.js';
import { checkShape, lifKernelAttrs, type LifKernelOptions } from './lifKernelOptions.js';
import { lifSequence } from './lifSequence.js';
import './registerSnnKernels.js';

/** Pooled spikes of every step and the membrane after the last one. */
export interface LifAvgPool2Result {
  /** `[T·B, ⌊H/2⌋, ⌊W/2⌋, C]`, values in {0, ¼, ½, ¾, 1}. */
  readonly pooled: tf.Tensor4D;
  /** Final membrane `[B, H, W, C]` (odd last rows/columns included). */
  readonly v: tf.Tensor4D;
}

/**
 * LIF followed by a 2×2 average pool (stride 2, VALID) in one fused kernel, over `current`
 * `[T·B, H, W, C]` whose time is folded into the batch T-major (`steps` = T). The last row/column
 * of an odd H/W is not pooled but still integrates (it is in `v`). Forward and backward each make
 * one pass; the unpooled spikes are never stored (the backward recomputes the membranes).
 * Equal to `lifSequence` + average pooling in values and gradients (w.r.t. `current` and `v0`).
 * cpu: JS kernel; wasm: SIMD in place on the heap; other backends, or a surrogate the kernels do not
 * implement (not in KERNEL_SURROGATES): composed ops.
 *
 * Ownership: returns new tensors owned by the caller; `current` and `v0` are not disposed.
 * @throws ConfigError for invalid options, a non-float32 or non-rank-4 input, a batch not divisible
 *   by `steps`, or a `v0` that is not `[B, H, W, C]`.
 * @example
 * const { pooled, v } = lifAvgPool2(conv1Out, 8, { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard',
 *   detachReset: false, surrogate: triangle(1) }); // [256,34,34,16] -> [256,17,17,16]
 */
export function lifAvgPool2(current: tf.Tensor4D, steps: number, options: LifKernelOptions, v0?: tf.Tensor4D): LifAvgPool2Result {
  const [TB = 0, H = 0, W = 0, C = 0] = current.shape;
  const attrs = lifKernelAttrs(options, steps);
  if (current.rank !== 4 || current.dtype !== 'float32') {
    throw new ConfigError(`lifAvgPool2: current must be float32 [T·B, H, W, C], got ${current.dtype} [${current.shape.join(', ')}]`);
  }
  if (TB === 0 || TB % steps !== 0) throw new ConfigError(`lifAvgPool2: batch ${TB} is not a positive multiple of steps ${steps}`);
  const stepShape: [number, number, number, number] = [TB / steps, H, W, C];
  if (v0 !== undefined) checkShape('lifAvgPool2: v0', v0.shape, stepShape);
  const [pooled, v] = tf.tidy(() => {
    if (attrs === undefined || !hasFastPath(SnnLifAvgPool2)) return composed(current, steps, options, stepShape, v0);
    const start = v0 ?? tf.fill(stepShape, 0); // filled by the backend: no JS array copied in
    return tf.engine().runKernel(SnnLifAvgPool2, { current, v0: start }, attrs) as tf.Tensor4D[];
  });
  return { pooled: pooled!, v: v! };
}

/** The slow path: lifSequence on `[T, B, H, W, C]`, then the composed pool. */
function composed(current: tf.Tensor4D, steps: number, o: LifKernelOptions, stepShape: number[], v0?: tf.Tensor4D): tf.Tensor4D[] {
  const { spikes, v } = lifSequence(tf.reshape(current, [steps, ...stepShape]), o, v0);
  return [avgPool2Composed(tf.reshape(spikes, current.shape)) as tf.Tensor4D, v as tf.Tensor4D];
}
