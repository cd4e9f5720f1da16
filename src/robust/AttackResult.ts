import type * as tf from '@tensorflow/tfjs-core';
import type { InputDomain } from './InputDomain.js';

/**
 * What every attack returns. Ownership: `xAdv` `[T, B, H, W, C]` is a new tensor owned by the
 * caller; the typed arrays are plain copies.
 */
export interface AttackResult {
  readonly xAdv: tf.Tensor;
  /** Per sample: 1 if the model's prediction on `xAdv` is not the label. */
  readonly fooled: Uint8Array;
  /** Forward passes used (gradient-free attacks). */
  readonly queries?: number;
  /** The domain the attack worked in (ε is in its units). */
  readonly domain: InputDomain;
}
