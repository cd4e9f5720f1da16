import * as tf from '@tensorflow/tfjs-core';
import type { ParamShape } from '../model/specShapes.js';
import type { OptimizerSpec } from '../train/optimizers.js';
import type { EpochReport, TrainingState } from '../train/trainModel.js';
import { CheckpointError, isObject, record, tensorMapFrom } from './tensorRecord.js';

/** Training metadata stored beside the weights (absent for a bare model). */
export interface CheckpointTraining {
  readonly optimizer: OptimizerSpec;
  readonly state: TrainingState;
  readonly seed: number;
  /** Settings of the run outside the model and optimiser (e.g. the CLI's data and batch flags), so a resume can keep them. */
  readonly run?: Readonly<Record<string, string | number>>;
  /** The training method and its settings as plain data (e.g. `{ method: 'sr', sr: { lambda, h } }`); absent = vanilla. */
  readonly method?: Readonly<Record<string, unknown>>;
}

/** The msgpack record of a run's state. Ownership: reads the state's tensors. */
export function encodeTrainingRecord(t: CheckpointTraining): Record<string, unknown> {
  const map = (m: ReadonlyMap<string, tf.Tensor>): Record<string, unknown> => Object.fromEntries([...m].map(([n, x]) => [n, record(x)]));
  return {
    optimizer: t.optimizer, seed: t.seed, epoch: t.state.epoch, history: t.state.history, best: t.state.best ?? null,
    step: t.state.optimizer.step,
    slots: Object.fromEntries([...t.state.optimizer.slots].map(([name, ts]) => [name, ts.map(record)])),
    bestWeights: t.state.bestWeights === undefined ? null : map(t.state.bestWeights),
    run: t.run ?? null,
    method: t.method ?? null,
  };
}

const fail = (what: string): never => {
  throw new CheckpointError(`checkpoint: training record: ${what}`);
};
const num = (v: unknown, where: string, ok: (x: number) => boolean, rule: string): number =>
  (typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : fail(`${where} must be ${rule}, got ${JSON.stringify(v)}`));
const int = (v: unknown, where: string, lo: number, hi: number): number =>
  num(v, where, (x) => Number.isInteger(x) && x >= lo && x <= hi, `an integer in [${lo}, ${hi}]`);
const unit = (v: unknown, where: string): number => num(v, where, (x) => x >= 0 && x <= 1, 'in [0, 1]');

function optimizerFrom(v: unknown): OptimizerSpec {
  if (!isObject(v)) return fail('optimizer must be a map');
  const lr = num(v.lr, 'optimizer.lr', (x) => x > 0, '> 0');
  const weightDecay = v.weightDecay === undefined ? {} : { weightDecay: num(v.weightDecay, 'optimizer.weightDecay', (x) => x >= 0, '≥ 0') };
  const known = v.kind === 'adam' ? ['kind', 'lr', 'weightDecay', 'betas', 'epsilon'] : ['kind', 'lr', 'weightDecay', 'momentum'];
  const unknown = Object.keys(v).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(`optimizer has unknown field(s) ${unknown.join(', ')}`);
  if (v.kind === 'sgd') {
    return { kind: 'sgd', lr, ...weightDecay, ...(v.momentum === undefined ? {} : { momentum: num(v.momentum, 'optimizer.momentum', (x) => x >= 0 && x < 1, 'in [0, 1)') }) };
  }
  if (v.kind !== 'adam') return fail(`unknown optimiser ${JSON.stringify(v.kind)}`);
  const betas = v.betas === undefined ? {} : Array.isArray(v.betas) && v.betas.length === 2
    ? { betas: [0, 1].map((i) => num((v.betas as unknown[])[i], `optimizer.betas[${i}]`, (x) => x >= 0 && x < 1, 'in [0, 1)')) as [number, number] }
    : fail('optimizer.betas must be [β1, β2]');
  const epsilon = v.epsilon === undefined ? {} : { epsilon: num(v.epsilon, 'optimizer.epsilon', (x) => x > 0, '> 0') };
  return { kind: 'adam', lr, ...weightDecay, ...betas, ...epsilon };
}

function historyFrom(v: unknown, epochs: number): EpochReport[] {
  if (!Array.isArray(v) || v.length !== epochs) return fail(`history must list the ${epochs} completed epoch(s)`);
  return v.map((e: unknown, i) => {
    if (!isObject(e)) return fail(`history[${i}] must be a map`);
    const val = e.valLoss === undefined && e.valAccuracy === undefined ? {}
      : { valLoss: num(e.valLoss, `history[${i}].valLoss`, (x) => x >= 0, '≥ 0'), valAccuracy: unit(e.valAccuracy, `history[${i}].valAccuracy`) };
    return {
      epoch: int(e.epoch, `history[${i}].epoch`, i + 1, i + 1), trainLoss: num(e.trainLoss, `history[${i}].trainLoss`, (x) => x >= 0, '≥ 0'),
      trainAccuracy: unit(e.trainAccuracy, `history[${i}].trainAccuracy`), ...val, seconds: num(e.seconds, `history[${i}].seconds`, (x) => x >= 0, '≥ 0'),
    };
  });
}

function bestFrom(v: unknown, history: readonly EpochReport[]): TrainingState['best'] {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) return fail('best must be a map or null');
  const epoch = int(v.epoch, 'best.epoch', 1, history.length);
  const valAccuracy = unit(v.valAccuracy, 'best.valAccuracy');
  if (history[epoch - 1]!.valAccuracy !== valAccuracy) fail(`best.valAccuracy ${valAccuracy} is not epoch ${epoch}'s validation accuracy`);
  return { epoch, valAccuracy };
}

function slotsFrom(v: unknown, optimizer: OptimizerSpec, params: readonly ParamShape[]): Map<string, tf.Tensor[]> {
  const perParam = optimizer.kind === 'adam' ? 2 : 1;
  const shapes = new Map(params.filter((p) => p.trainable).flatMap((p) => Array.from({ length: perParam }, (_, i) => [`${p.name}[${i}]`, p.shape] as const)));
  if (!isObject(v)) return fail('slots must be a map');
  const flat: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(v)) {
    if (!Array.isArray(list)) return fail(`optimiser slots of ${name} must be a list`);
    list.forEach((t, i) => { flat[`${name}[${i}]`] = t; });
  }
  const tensors = tensorMapFrom(flat, 'checkpoint: optimiser slots', shapes);
  const out = new Map<string, tf.Tensor[]>();
  for (const p of params.filter((q) => q.trainable)) out.set(p.name, Array.from({ length: perParam }, (_, i) => tensors.get(`${p.name}[${i}]`)!));
  return out;
}

function runFrom(v: unknown): Record<string, string | number> | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) return fail('run must be a map');
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && !(typeof x === 'number' && Number.isFinite(x))) fail(`run.${k} must be a string or a finite number`);
  }
  return v as Record<string, string | number>;
}

/**
 * Decodes and validates a training record against the model's parameters: optimiser settings
 * typed and in range, seed, completed epochs with one history entry each, the best epoch
 * consistent with the history, the step count, and every optimiser slot and best weight present
 * with its parameter's shape.
 * Ownership: the returned tensors (slots, best weights) belong to the caller; none are left on error.
 * @throws CheckpointError naming the faulty field.
 */
export function decodeTrainingRecord(v: unknown, params: readonly ParamShape[]): CheckpointTraining | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) return fail('expected a map');
  const optimizer = optimizerFrom(v.optimizer);
  const seed = int(v.seed, 'seed', 0, 2 ** 31);
  const epoch = int(v.epoch, 'epoch', 0, 1_000_000);
  const history = historyFrom(v.history, epoch);
  const best = bestFrom(v.best, history);
  const step = int(v.step, 'step', 0, Number.MAX_SAFE_INTEGER);
  const run = runFrom(v.run);
  if (v.method !== undefined && v.method !== null && !isObject(v.method)) fail('method must be a map or null');
  const slots = slotsFrom(v.slots, optimizer, params);
  let bestWeights: Map<string, tf.Tensor> | undefined;
  try {
    if (v.bestWeights !== null && v.bestWeights !== undefined) {
      if (best === undefined) fail('bestWeights without a best epoch');
      bestWeights = tensorMapFrom(v.bestWeights, 'checkpoint: bestWeights', new Map(params.map((p) => [p.name, p.shape])));
    }
  } catch (err) {
    slots.forEach((ts) => tf.dispose(ts));
    throw err;
  }
  return {
    optimizer, seed, ...(run === undefined ? {} : { run }), ...(isObject(v.method) ? { method: v.method } : {}),
    state: { epoch, optimizer: { step, slots }, history, ...(best === undefined ? {} : { best }), ...(bestWeights === undefined ? {} : { bestWeights }) },
  };
}
