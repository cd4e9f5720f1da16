import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';

/** Optimiser settings, as PyTorch's `Adam` / `SGD(momentum)` (weight decay = L2 added to the gradient). */
export type OptimizerSpec =
  | { readonly kind: 'adam'; readonly lr: number; readonly betas?: readonly [number, number]; readonly epsilon?: number; readonly weightDecay?: number }
  | { readonly kind: 'sgd'; readonly lr: number; readonly momentum?: number; readonly weightDecay?: number };

/** Per-parameter optimiser memory by parameter name (Adam: m, v; SGD: momentum buffer), and the step count. */
export interface OptimizerState {
  readonly step: number;
  readonly slots: ReadonlyMap<string, readonly tf.Tensor[]>;
}

/** An optimiser bound to named variables; `apply` updates them in place. */
export interface Optimizer {
  readonly spec: OptimizerSpec;
  /**
   * One update with learning rate `lr` (the schedule's value for this step).
   * Ownership: reads `grads` (by parameter name), does not dispose them.
   */
  apply(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** The current state (tensors owned by the optimiser; copy them to keep them). */
  state(): OptimizerState;
  dispose(): void;
}

function checkSpec(s: OptimizerSpec): void {
  if (!(s.lr > 0)) throw new ConfigError(`optimizer: lr must be > 0, got ${s.lr}`);
  if (s.weightDecay !== undefined && !(s.weightDecay >= 0)) throw new ConfigError('optimizer: weightDecay must be ≥ 0');
  if (s.kind === 'adam' && s.betas !== undefined && !s.betas.every((b) => b >= 0 && b < 1)) throw new ConfigError('optimizer: betas must be in [0, 1)');
  if (s.kind === 'sgd' && s.momentum !== undefined && !(s.momentum >= 0 && s.momentum < 1)) throw new ConfigError('optimizer: momentum must be in [0, 1)');
}

/**
 * Adam or SGD with momentum over named variables, PyTorch's update rules. `initial` restores a
 * state from a checkpoint (its tensors are taken over by the optimiser).
 * @throws ConfigError for invalid settings or an `initial` state whose slots do not match the variables.
 * @example const opt = createOptimizer({ kind: 'adam', lr: 1e-3 }, vars); opt.apply(grads, 1e-3);
 */
export function createOptimizer(spec: OptimizerSpec, variables: ReadonlyMap<string, tf.Variable>, initial?: OptimizerState): Optimizer {
  checkSpec(spec);
  const perSlot = spec.kind === 'adam' ? 2 : 1;
  const slots = new Map<string, tf.Tensor[]>();
  for (const [name, v] of variables) {
    const given = initial?.slots.get(name);
    if (initial !== undefined && (given?.length !== perSlot || given.some((t) => !tf.util.arraysEqual(t.shape, v.shape)))) {
      throw new ConfigError(`optimizer state: slots of "${name}" do not match the parameter`);
    }
    slots.set(name, given ? [...given] : Array.from({ length: perSlot }, () => tf.zerosLike(v)));
  }
  let step = initial?.step ?? 0;
  const wd = spec.weightDecay ?? 0;
  return {
    spec,
    apply: (grads, lr) => {
      step++;
      for (const [name, v] of variables) {
        const g0 = grads.get(name);
        if (g0 === undefined) continue;
        const s = slots.get(name)!;
        const next = tf.tidy(() => {
          const g = wd > 0 ? tf.add(g0, tf.mul(v, wd)) : g0;
          if (spec.kind === 'sgd') {
            const mu = spec.momentum ?? 0;
            const buf = mu > 0 ? tf.add(tf.mul(s[0]!, mu), g) : tf.clone(g);
            return { value: tf.sub(v, tf.mul(buf, lr)), slots: [buf] };
          }
          const [b1, b2] = spec.betas ?? [0.9, 0.999];
          const m = tf.add(tf.mul(s[0]!, b1), tf.mul(g, 1 - b1));
          const u = tf.add(tf.mul(s[1]!, b2), tf.mul(tf.square(g), 1 - b2));
          const mHat = tf.div(m, 1 - b1 ** step);
          const uHat = tf.div(u, 1 - b2 ** step);
          return { value: tf.sub(v, tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(uHat), spec.epsilon ?? 1e-8))), slots: [m, u] };
        });
        v.assign(next.value);
        next.value.dispose();
        s.forEach((t) => t.dispose());
        slots.set(name, next.slots);
      }
    },
    state: () => ({ step, slots }),
    dispose: () => slots.forEach((s) => s.forEach((t) => t.dispose())),
  };
}

/**
 * Cosine-annealed learning rate from `lr` at step 0 to `minLr` at `totalSteps` (no restarts).
 * @example cosineLr(1e-3, 0, 1000)(500) // 5e-4
 */
export function cosineLr(lr: number, minLr: number, totalSteps: number): (step: number) => number {
  return (step) => minLr + 0.5 * (lr - minLr) * (1 + Math.cos((Math.PI * Math.min(step, totalSteps)) / Math.max(1, totalSteps)));
}
