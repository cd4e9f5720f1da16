import type * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../../snn/index.js';
import { attackForward, INFERENCE } from '../attackGradient.js';

/** The prediction on one sample and its margin over the runner-up. */
export interface CleanPrediction {
  readonly label: number;
  /** `z_label − z_second` of the time-averaged logits (0 for a one-class model). */
  readonly margin: number;
}

/**
 * One inference pass (fresh state, BN in inference mode) on a single sample `[T, 1, …]`.
 * Ownership: reads `x`, creates no lasting tensor.
 */
export function cleanPrediction(model: SnnModel, x: tf.Tensor): CleanPrediction {
  const logits = model.forward(x, attackForward(INFERENCE));
  const z = logits.dataSync();
  logits.dispose();
  let label = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[label]!) label = k;
  let second = -Infinity;
  for (let k = 0; k < z.length; k++) if (k !== label && z[k]! > second) second = z[k]!;
  return { label, margin: Number.isFinite(second) ? z[label]! - second : 0 };
}
