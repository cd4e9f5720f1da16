import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerLayerGradients.js';

/**
 * Mean cross-entropy of logits `[B, K]` against integer labels `[B]` (`-log softmax(z)_y`).
 * Ownership: returns a new scalar; inputs are not disposed.
 * @example const loss = crossEntropy(model.forward(x, { training: true }), labels);
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const target = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]!);
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), target), 1))) as tf.Scalar;
  });
}

/**
 * Number of rows whose largest logit is at the label.
 * Ownership: reads `logits` and `labels`, creates no lasting tensor.
 */
export function countCorrect(logits: tf.Tensor2D, labels: ArrayLike<number>): number {
  const predicted = tf.tidy(() => tf.argMax(logits, 1));
  const p = predicted.dataSync();
  predicted.dispose();
  let correct = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === labels[i]) correct++;
  return correct;
}
