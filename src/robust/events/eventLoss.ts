import * as tf from '@tensorflow/tfjs-core';
import type { ForwardOptions, SnnModel } from '../../snn/index.js';

/** Shape of one sample's tensor: `[T, H, W, 2]`. */
export interface FrameShape {
  readonly T: number;
  readonly H: number;
  readonly W: number;
}

/** Per-row cross-entropy `−log softmax(z)_label` of logits `[B, K]`. */
function rowLosses(z: tf.Tensor2D, label: number): tf.Tensor1D {
  return tf.tidy(() => {
    const target = tf.oneHot(tf.fill([z.shape[0]], label, 'int32') as tf.Tensor1D, z.shape[1]!);
    return tf.neg(tf.sum(tf.mul(tf.logSoftmax(z), target), 1)) as tf.Tensor1D;
  });
}

/** Inference mode always: attacks never update statistics or drop units. */
const inference = (f: ForwardOptions): ForwardOptions => ({ ...f, training: false });

/**
 * Loss and prediction of `B` samples stored `[T, B, H, W, 2]` in `x`, all against `label`
 * (membranes from 0, inference mode). Ownership: creates no lasting tensor.
 * @example const { losses, predicted } = lossesOf(model, x, 4, shape, 3, { surrogate: atan(2) });
 */
export function lossesOf(model: SnnModel, x: Float32Array, B: number, s: FrameShape, label: number, f: ForwardOptions):
  { losses: Float32Array; predicted: Int32Array } {
  const [losses, predicted] = tf.tidy(() => {
    const z = model.forward(tf.tensor5d(x, [s.T, B, s.H, s.W, 2]), inference(f));
    return [rowLosses(z, label), tf.argMax(z, 1)];
  });
  const out = { losses: losses.dataSync() as Float32Array, predicted: predicted.dataSync() as Int32Array };
  tf.dispose([losses, predicted]);
  return out;
}

/**
 * ∂loss/∂x of one sample `[T, H, W, 2]` (cross-entropy against `label`) through the model's
 * spikes as `f` says (a surrogate, or `gradient: 'rate'`). Ownership: creates no lasting tensor.
 * @example const g = inputGradient(model, frames, shape, 3, { surrogate: sigmoid(4) });
 */
export function inputGradient(model: SnnModel, x: Float32Array, s: FrameShape, label: number, f: ForwardOptions): Float32Array {
  const g = tf.tidy(() => {
    const loss = (xx: tf.Tensor): tf.Scalar => tf.sum(rowLosses(model.forward(xx, inference(f)), label));
    return tf.grad(loss)(tf.tensor5d(x, [s.T, 1, s.H, s.W, 2]));
  });
  const out = g.dataSync() as Float32Array;
  g.dispose();
  return out;
}
