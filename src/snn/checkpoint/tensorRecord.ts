import * as tf from '@tensorflow/tfjs-core';
import { SpikeguardError } from '../../errors.js';

/** A checkpoint file or buffer that is not one we wrote, is damaged, or does not fit its spec. */
export class CheckpointError extends SpikeguardError {
  override readonly name: string = 'CheckpointError';
}

/** A float32 tensor as stored in a checkpoint: shape and little-endian bytes. */
export interface TensorRecord { readonly shape: number[]; readonly dtype: 'float32'; readonly data: Uint8Array }

/** A msgpack map (not an array or a byte string). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** The record of a tensor. Ownership: reads `t`. */
export function record(t: tf.Tensor): TensorRecord {
  const values = t.dataSync() as Float32Array;
  return { shape: [...t.shape], dtype: 'float32', data: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

/**
 * A tensor from its record, after checking dtype, shape (against `shape` when given) and byte length.
 * Ownership: returns a new tensor owned by the caller.
 * @throws CheckpointError naming `where`.
 */
export function tensorFrom(v: unknown, where: string, shape?: readonly number[]): tf.Tensor {
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

/**
 * Tensors of a name → record map holding exactly the names of `shapes`, each checked.
 * Ownership: returns new tensors owned by the caller (none are left on error).
 * @throws CheckpointError for a missing, extra or mis-shaped entry.
 */
export function tensorMapFrom(v: unknown, where: string, shapes: ReadonlyMap<string, readonly number[]>): Map<string, tf.Tensor> {
  if (!isObject(v)) throw new CheckpointError(`${where}: expected a map of tensors`);
  const extra = Object.keys(v).filter((n) => !shapes.has(n));
  if (extra.length > 0) throw new CheckpointError(`${where}: not parameters of the model: ${extra.join(', ')}`);
  const out = new Map<string, tf.Tensor>();
  try {
    for (const [name, shape] of shapes) {
      if (!(name in v)) throw new CheckpointError(`${where}: ${name} is missing`);
      out.set(name, tensorFrom(v[name], `${where}.${name}`, shape));
    }
  } catch (err) {
    tf.dispose([...out.values()]);
    throw err;
  }
  return out;
}
