import type * as tf from '@tensorflow/tfjs-core';
import type { MethodDescriptor, PrepareBatch, SnnModel, TrainingMethod } from '../snn/index.js';
import { parseTrainingMethodOptions, type AtOptions, type TrainingMethodOptions } from './adversarialTrainingOptions.js';
import { fgsm } from './fgsm.js';
import type { GradientSetting } from './GradientSetting.js';
import { pgd } from './pgd.js';
import { srObjective } from './srObjective.js';

/** Adversarial examples are made with the surrogates the model trains with (no override). */
const TRAINED: GradientSetting = { label: 'trained', forward: {} };

/**
 * The adversarial-training batch step: FGSM or PGD-k examples of the batch (inference mode,
 * seeded by the step's seed) replace it.
 * Ownership: as {@link PrepareBatch}: returns a new tensor; the model is not changed.
 */
export function adversarialBatch(o: AtOptions): PrepareBatch {
  return (model: SnnModel, x: tf.Tensor, labels: tf.Tensor1D, seed: number) => {
    const y = Int32Array.from(labels.dataSync());
    const a = o.attack;
    const result = a.kind === 'fgsm'
      ? fgsm(model, x, y, { eps: a.eps, domain: o.domain, gradient: TRAINED })
      : pgd(model, x, y, {
        eps: a.eps, norm: 'linf', steps: a.steps, stepSize: a.stepSize, randomStart: true, restarts: 1,
        domain: o.domain, gradient: TRAINED, seed,
      });
    return result.xAdv;
  };
}

/**
 * Builds a training method for `trainModel`: `vanilla` (cross-entropy), `at` (adversarial
 * examples replace the batch), `sr` (the sparse-gradient objective), `sr+at` (SR on the
 * adversarial batch). The factory named by {@link trainingMethodDescriptor}; it validates its
 * (possibly structured-cloned) options itself.
 * @throws ConfigError for invalid settings.
 * @example const method = trainingMethod({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } });
 */
export function trainingMethod(options: unknown): TrainingMethod {
  const o = parseTrainingMethodOptions(options);
  switch (o.method) {
    case 'vanilla': return {};
    case 'at': return { prepareBatch: adversarialBatch(o.at) };
    case 'sr': return { objective: srObjective(o.sr) };
    case 'sr+at': return { objective: srObjective(o.sr), prepareBatch: adversarialBatch(o.at) };
  }
}

/**
 * The descriptor `trainModel` (and its worker threads) load the method from: this module and
 * {@link trainingMethod}, with the validated options.
 * @throws ConfigError for invalid settings (checked here, on the calling thread, first).
 * @example await trainModel(model, { ...opts, method: trainingMethodDescriptor({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } }) });
 */
export function trainingMethodDescriptor(options: TrainingMethodOptions): MethodDescriptor {
  return { module: import.meta.url, factory: 'trainingMethod', options: parseTrainingMethodOptions(options) };
}
