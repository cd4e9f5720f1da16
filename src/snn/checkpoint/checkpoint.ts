import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../writeFileAtomic.js';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { buildModel, type SnnModel } from '../model/buildModel.js';
import { parseModelSpec, type ModelSpec } from '../model/spec.js';
import { elementsOf, specShapes, type ParamShape } from '../model/specShapes.js';
import { CheckpointError, isObject, record, tensorFrom } from './tensorRecord.js';
import { decodeTrainingRecord, encodeTrainingRecord, type CheckpointTraining } from './trainingRecord.js';

export { CheckpointError } from './tensorRecord.js';
export type { CheckpointTraining } from './trainingRecord.js';

const FORMAT = 'spikeguard.checkpoint';
/** Version of the checkpoint layout written by {@link encodeCheckpoint}. */
export const CHECKPOINT_VERSION = 1;

/** A decoded checkpoint: the model (new variables, owned by the caller) and training metadata. */
export interface LoadedCheckpoint {
  readonly model: SnnModel;
  readonly training?: CheckpointTraining;
}

const packr = new Packr({ useRecords: false, moreTypes: false });

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
  const trainingRecord = training === undefined ? null : encodeTrainingRecord(training);
  const body = packr.pack({ spec: model.spec, params, training: trainingRecord });
  return packr.pack({ format: FORMAT, version: CHECKPOINT_VERSION, sha256: sha256(body), body });
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

/** Options of {@link decodeCheckpoint}. */
export interface DecodeOptions {
  /**
   * Called with the validated spec before the model is built (e.g. to refuse a model too large
   * for the memory budget); may throw.
   */
  readonly beforeBuild?: (spec: ModelSpec) => void;
}

/** Every parameter the spec declares is stored with its shape and byte length, and nothing else. */
function checkStoredParams(stored: Record<string, unknown>, shapes: readonly ParamShape[]): void {
  const names = new Set(shapes.map((p) => p.name));
  const extra = Object.keys(stored).filter((n) => !names.has(n));
  if (extra.length > 0) throw new CheckpointError(`checkpoint: parameters not in the model: ${extra.join(', ')}`);
  for (const p of shapes) {
    const r = stored[p.name];
    if (r === undefined) throw new CheckpointError(`checkpoint: parameter ${p.name} is missing`);
    if (!isObject(r) || !Array.isArray(r.shape) || !tf.util.arraysEqual(r.shape as number[], [...p.shape])) {
      const got = isObject(r) && Array.isArray(r.shape) ? `[${r.shape.join(', ')}]` : 'no shape';
      throw new CheckpointError(`param ${p.name}: shape ${got} does not match the spec's [${p.shape.join(', ')}]`);
    }
    const bytes = r.data instanceof Uint8Array ? r.data.byteLength : -1;
    if (bytes !== elementsOf(p.shape) * 4) throw new CheckpointError(`param ${p.name}: ${bytes} bytes for ${elementsOf(p.shape)} float32 values`);
  }
}

/**
 * Decodes a checkpoint: checks format tag, version and content hash, validates the spec, checks
 * every stored parameter's name, shape and byte length against the spec (a missing or extra
 * parameter is an error) before anything is allocated, then builds the model and loads them.
 * Ownership: the returned model's variables and optimiser slots belong to the caller.
 * @throws CheckpointError for anything that is not exactly a checkpoint of this version; whatever
 *   `options.beforeBuild` throws.
 * @example const { model } = decodeCheckpoint(await readFile('model.sgck'));
 */
export function decodeCheckpoint(bytes: Uint8Array, options: DecodeOptions = {}): LoadedCheckpoint {
  const body = unpackOuter(bytes);
  let spec: ModelSpec;
  let shapes: ParamShape[];
  try {
    spec = parseModelSpec(body.spec);
    shapes = specShapes(spec).flatMap((l) => l.params);
  } catch (err) {
    throw new CheckpointError(`checkpoint: invalid model spec: ${(err as Error).message}`);
  }
  if (!isObject(body.params)) throw new CheckpointError('checkpoint: params are not a map');
  const stored = body.params;
  checkStoredParams(stored, shapes);
  options.beforeBuild?.(spec);
  const model = buildModel(spec, { seed: 0 });
  try {
    for (const p of model.params) {
      const t = tensorFrom(stored[p.name], `param ${p.name}`, p.variable.shape);
      p.variable.assign(t);
      t.dispose();
    }
    const training = decodeTrainingRecord(body.training, shapes);
    return training === undefined ? { model } : { model, training };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/**
 * Writes a checkpoint atomically (temporary file, then rename; the temporary file is removed on failure).
 * @example await saveCheckpoint('runs/csnn.sgck', model, { optimizer, state, seed });
 */
export async function saveCheckpoint(path: string, model: SnnModel, training?: CheckpointTraining): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(model, training));
}

/**
 * Reads and decodes a checkpoint file (see {@link decodeCheckpoint}; `options.beforeBuild` runs before the model is built).
 * @throws CheckpointError for invalid content; the OS error for a missing file.
 */
export async function loadCheckpoint(path: string, options: DecodeOptions = {}): Promise<LoadedCheckpoint> {
  return decodeCheckpoint(await readFile(path), options);
}
