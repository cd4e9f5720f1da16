import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { SpikeguardError } from '../../errors.js';
import { buildModel, type SnnModel } from '../model/buildModel.js';
import { parseModelSpec } from '../model/spec.js';
import type { OptimizerSpec } from '../train/optimizers.js';
import type { EpochReport, TrainingState } from '../train/trainModel.js';

/** A checkpoint file or buffer that is not one we wrote, is damaged, or does not fit its spec. */
export class CheckpointError extends SpikeguardError {
  override readonly name: string = 'CheckpointError';
}

const FORMAT = 'spikeguard.checkpoint';
/** Version of the checkpoint layout written by {@link encodeCheckpoint}. */
export const CHECKPOINT_VERSION = 1;

/** Training metadata stored beside the weights (absent for a bare model). */
export interface CheckpointTraining {
  readonly optimizer: OptimizerSpec;
  readonly state: TrainingState;
  readonly seed: number;
  /** The training method and its settings as plain data (e.g. `{ method: 'sr', sr: { lambda, h } }`); absent = vanilla. */
  readonly method?: Readonly<Record<string, unknown>>;
}

/** A decoded checkpoint: the model (new variables, owned by the caller) and training metadata. */
export interface LoadedCheckpoint {
  readonly model: SnnModel;
  readonly training?: CheckpointTraining;
}

interface TensorRecord { readonly shape: number[]; readonly dtype: 'float32'; readonly data: Uint8Array }

const packr = new Packr({ useRecords: false, moreTypes: false });

function record(t: tf.Tensor): TensorRecord {
  const values = t.dataSync() as Float32Array;
  return { shape: [...t.shape], dtype: 'float32', data: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Serialises a model (spec + every parameter) and optional training state to msgpack:
 * `{format, version, sha256, body}` where `body` is the msgpack of `{spec, params, training}`
 * and `sha256` its hash, so any damaged byte is detected on load.
 * Ownership: reads the model's variables; creates no lasting tensor.
 * @example await writeFile('model.sgck', encodeCheckpoint(model));
 */
export function encodeCheckpoint(model: SnnModel, training?: CheckpointTraining): Uint8Array {
  const params = Object.fromEntries(model.params.map((p) => [p.name, record(p.variable)]));
  const trainingRecord = training === undefined ? null : {
    optimizer: training.optimizer,
    seed: training.seed,
    method: training.method ?? null,
    epoch: training.state.epoch,
    history: training.state.history,
    best: training.state.best ?? null,
    step: training.state.optimizer.step,
    slots: Object.fromEntries([...training.state.optimizer.slots].map(([name, ts]) => [name, ts.map(record)])),
  };
  const body = packr.pack({ spec: model.spec, params, training: trainingRecord });
  return packr.pack({ format: FORMAT, version: CHECKPOINT_VERSION, sha256: sha256(body), body });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function tensorFrom(v: unknown, where: string, shape?: readonly number[]): tf.Tensor {
  if (!isObject(v) || v.dtype !== 'float32' || !Array.isArray(v.shape) || !(v.data instanceof Uint8Array)) {
    throw new CheckpointError(`${where}: expected {shape, dtype: float32, data}`);
  }
  const dims = v.shape as unknown[];
  if (!dims.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw new CheckpointError(`${where}: bad shape`);
  if (shape !== undefined && !tf.util.arraysEqual(dims as number[], [...shape])) {
    throw new CheckpointError(`${where}: shape [${dims.join(', ')}] does not match the model's [${shape.join(', ')}]`);
  }
  const size = (dims as number[]).reduce((a, b) => a * b, 1);
  if (v.data.byteLength !== size * 4) throw new CheckpointError(`${where}: ${v.data.byteLength} bytes for ${size} float32 values`);
  const values = new Float32Array(size);
  new Uint8Array(values.buffer).set(v.data);
  return tf.tensor(values, dims as number[], 'float32');
}

function unpackOuter(bytes: Uint8Array): Record<string, unknown> {
  let outer: unknown;
  try {
    outer = packr.unpack(bytes);
  } catch (err) {
    throw new CheckpointError(`not a spikeguard checkpoint (msgpack: ${(err as Error).message})`);
  }
  if (!isObject(outer) || outer.format !== FORMAT) throw new CheckpointError('not a spikeguard checkpoint (no format tag)');
  if (outer.version !== CHECKPOINT_VERSION) throw new CheckpointError(`checkpoint version ${String(outer.version)} is not supported (expected ${CHECKPOINT_VERSION})`);
  if (!(outer.body instanceof Uint8Array) || typeof outer.sha256 !== 'string') throw new CheckpointError('checkpoint: missing body or hash');
  if (sha256(outer.body) !== outer.sha256) throw new CheckpointError('checkpoint: content hash mismatch (file damaged)');
  let body: unknown;
  try {
    body = packr.unpack(outer.body);
  } catch (err) {
    throw new CheckpointError(`checkpoint: body is not msgpack (${(err as Error).message})`);
  }
  if (!isObject(body)) throw new CheckpointError('checkpoint: body is not a map');
  return body;
}

function trainingFrom(v: unknown): CheckpointTraining | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v) || !isObject(v.optimizer) || !isObject(v.slots) || !Array.isArray(v.history)) {
    throw new CheckpointError('checkpoint: training record is malformed');
  }
  const kind = v.optimizer.kind;
  if ((kind !== 'adam' && kind !== 'sgd') || typeof v.optimizer.lr !== 'number') {
    throw new CheckpointError(`checkpoint: unknown optimiser ${JSON.stringify(kind)}`);
  }
  if (v.method !== undefined && v.method !== null && !isObject(v.method)) throw new CheckpointError('checkpoint: training method is not a map');
  const slots = new Map<string, tf.Tensor[]>();
  try {
    for (const [name, list] of Object.entries(v.slots)) {
      if (!Array.isArray(list)) throw new CheckpointError(`checkpoint: optimiser slots of ${name} are not a list`);
      slots.set(name, []);
      list.forEach((t, i) => slots.get(name)!.push(tensorFrom(t, `optimizer.${name}[${i}]`)));
    }
  } catch (err) {
    slots.forEach((ts) => tf.dispose(ts));
    throw err;
  }
  const best = isObject(v.best) ? { epoch: Number(v.best.epoch), valAccuracy: Number(v.best.valAccuracy) } : undefined;
  return {
    optimizer: v.optimizer as unknown as OptimizerSpec,
    seed: Number(v.seed),
    ...(isObject(v.method) ? { method: v.method } : {}),
    state: {
      epoch: Number(v.epoch),
      optimizer: { step: Number(v.step), slots },
      history: v.history as EpochReport[],
      ...(best === undefined ? {} : { best }),
    },
  };
}

/**
 * Decodes a checkpoint: checks format tag, version and content hash, validates the spec, builds
 * the model and loads every parameter after checking names, shapes, dtypes and byte lengths (a
 * missing or extra parameter is an error).
 * Ownership: the returned model's variables and optimiser slots belong to the caller.
 * @throws CheckpointError for anything that is not exactly a checkpoint of this version.
 * @example const { model } = decodeCheckpoint(await readFile('model.sgck'));
 */
export function decodeCheckpoint(bytes: Uint8Array): LoadedCheckpoint {
  const body = unpackOuter(bytes);
  let spec;
  try {
    spec = parseModelSpec(body.spec);
  } catch (err) {
    throw new CheckpointError(`checkpoint: invalid model spec: ${(err as Error).message}`);
  }
  if (!isObject(body.params)) throw new CheckpointError('checkpoint: params are not a map');
  const stored = body.params;
  const model = buildModel(spec, { seed: 0 });
  try {
    const names = new Set(model.params.map((p) => p.name));
    const extra = Object.keys(stored).filter((n) => !names.has(n));
    if (extra.length > 0) throw new CheckpointError(`checkpoint: parameters not in the model: ${extra.join(', ')}`);
    for (const p of model.params) {
      if (!(p.name in stored)) throw new CheckpointError(`checkpoint: parameter ${p.name} is missing`);
      const t = tensorFrom(stored[p.name], `param ${p.name}`, p.variable.shape);
      p.variable.assign(t);
      t.dispose();
    }
    const training = trainingFrom(body.training);
    return training === undefined ? { model } : { model, training };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/**
 * Writes a checkpoint atomically (temporary file, then rename).
 * @example await saveCheckpoint('runs/csnn.sgck', model, { optimizer, state, seed });
 */
export async function saveCheckpoint(path: string, model: SnnModel, training?: CheckpointTraining): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, encodeCheckpoint(model, training));
  await rename(tmp, path);
}

/**
 * Reads and decodes a checkpoint file (see {@link decodeCheckpoint}).
 * @throws CheckpointError for invalid content; the OS error for a missing file.
 */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  return decodeCheckpoint(await readFile(path));
}
