import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { crossEntropy, type ForwardOptions, type Objective, type SnnModel } from '../snn/index.js';

/** Settings of the sparse-gradient regulariser (SR). */
export interface SrOptions {
  /** Weight λ of the regulariser (≥ 0; 0 = cross-entropy only). */
  readonly lambda: number;
  /** Finite-difference step h in input units (> 0; the paper's 0.01). */
  readonly h: number;
}

/**
 * Checks SR settings.
 * @throws ConfigError if λ is not finite and ≥ 0 or h not finite and > 0.
 */
export function checkSrOptions(o: SrOptions): void {
  if (!Number.isFinite(o.lambda) || o.lambda < 0) throw new ConfigError(`SR: lambda must be a finite number ≥ 0, got ${o.lambda}`);
  if (!Number.isFinite(o.h) || o.h <= 0) throw new ConfigError(`SR: h must be a finite number > 0, got ${o.h}`);
}

/**
 * Per sample, the strongest class other than the label: argmax of `logits` `[B, K]` with the
 * label's column excluded. Read back, so the result is a constant (no gradient path).
 * Ownership: returns a new int32 `[B]` tensor; inputs are not disposed.
 */
export function strongestWrongClass(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  const [B, K] = [logits.shape[0], logits.shape[1]];
  const z = logits.dataSync();
  const y = labels.dataSync();
  const m = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    let best = -Infinity;
    for (let k = 0; k < K; k++) {
      if (k !== y[b] && z[b * K + k]! > best) [best, m[b]] = [z[b * K + k]!, k];
    }
  }
  return tf.tensor1d(m, 'int32');
}

/**
 * `f = sigmoid(z_y − z_m)` per sample: the true label's probability against the class `wrong`
 * (softmax restricted to the two). Differentiable in `logits`.
 * Ownership: returns a new `[B]` tensor; inputs are not disposed.
 */
export function marginProbability(logits: tf.Tensor2D, labels: tf.Tensor1D, wrong: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const K = logits.shape[1];
    const sign = tf.sub(tf.oneHot(tf.cast(labels, 'int32'), K), tf.oneHot(wrong, K));
    return tf.sigmoid(tf.sum(tf.mul(logits, sign), 1)) as tf.Tensor1D;
  });
}

/** Element-wise sign of `t` as a fresh tensor: no tape node links it to the weights (no second-order path). */
function detachedSign(t: tf.Tensor): tf.Tensor {
  const s = tf.sign(t);
  const out = tf.tensor(s.dataSync(), s.shape, 'float32');
  s.dispose();
  return out;
}

/**
 * Runs `pass` and puts every non-trainable parameter (batch-norm running statistics) back as it
 * was, so the perturbed pass normalises with its own batch statistics but leaves no trace.
 */
function withoutStatisticsUpdate<T>(model: SnnModel, pass: () => T): T {
  const stats = model.params.filter((p) => !p.trainable);
  const saved = stats.map((p) => tf.clone(p.variable));
  try {
    return pass();
  } finally {
    stats.forEach((p, i) => p.variable.assign(saved[i]!));
    tf.dispose(saved);
  }
}

/**
 * The SR training objective of Liu et al. (ICML 2024):
 * `CE(z(x), y) + λ · mean_b(((f(x + h·v) − f(x)) / h)²)`, with `f = sigmoid(z_y − z_m)`, m the
 * strongest wrong class of the clean pass and `v = sign(∇x Σ_b f(x))` a constant; `x + h·v` is
 * not clamped. Gradients flow through both passes, no second-order terms.
 *
 * Cost: 2 forward and 3 backward passes. The clean pass runs once: `v` comes from a nested
 * `tf.valueAndGrads` whose forward is recorded on the enclosing `tf.variableGrads` tape, so the
 * weight gradient reuses it (a naive version runs it twice); `v` is read back so that the
 * input-gradient ops recorded on that tape are off every path to the loss.
 *
 * Both passes run in training mode with the same dropout seed (same masks) and batch statistics;
 * running statistics are updated once, by the clean pass.
 * Ownership: as {@link Objective}: the returned logits (clean pass) are kept for the caller.
 * @throws ConfigError for invalid settings (at construction).
 * @example trainStep(model, opt, x, labels, lr, step, { objective: srObjective({ lambda: 0.1, h: 0.01 }) });
 */
export function srObjective(o: SrOptions): Objective {
  checkSrOptions(o);
  return (model, x, labels, seed) => {
    const forward: ForwardOptions = { training: true, seed };
    let logits: tf.Tensor2D | undefined;
    let wrong: tf.Tensor1D | undefined;
    let f1: tf.Tensor1D | undefined;
    const { value, grads } = tf.valueAndGrads((xIn: tf.Tensor) => {
      logits = tf.keep(model.forward(xIn, forward));
      wrong = tf.keep(strongestWrongClass(logits, labels));
      f1 = tf.keep(marginProbability(logits, labels, wrong));
      return tf.sum(f1);
    })([x]);
    const v = detachedSign(grads[0]!);
    tf.dispose([value, ...grads]);
    const loss = tf.tidy(() => {
      const z2 = withoutStatisticsUpdate(model, () => model.forward(tf.add(x, tf.mul(v, o.h)), forward));
      const d = tf.div(tf.sub(marginProbability(z2, labels, wrong!), f1!), o.h);
      return tf.add(crossEntropy(logits!, labels), tf.mul(tf.mean(tf.square(d)), o.lambda)) as tf.Scalar;
    });
    tf.dispose([v, wrong!, f1!]);
    return { loss, logits: logits! };
  };
}
