import { ConfigError, DecodeError } from '../../errors.js';
import type { NpyLimits } from './npy.js';
import type { NpyData } from './npyDtype.js';
import { encodeNpz, openNpz } from './npz.js';

/** A set of spike tensors and their labels, as read from or written to an `.npz`. */
export interface SpikeSet {
  /** `[N, T, H, W, 2]` float32 row-major (channel 0 = OFF, 1 = ON); owned by the holder. */
  readonly x: Float32Array;
  readonly shape: readonly [number, number, number, number, number];
  /** `N` class indices. */
  readonly labels: Int32Array;
}

/** Names of the two arrays in a spike `.npz` (defaults `x` and `y`). */
export interface SpikeNpzKeys {
  readonly dataKey?: string;
  readonly labelsKey?: string;
}

const bad = (what: string, expected: string, got: string): never => {
  throw new DecodeError('npz', 0, `${what}: ${expected}`, got);
};

function toFloat32(d: NpyData, key: string): Float32Array {
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    const out = new Float32Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = Number(d[i]!);
    return out;
  }
  const out = d instanceof Float32Array ? d : Float32Array.from(d);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i]!)) bad(key, 'finite values', `${out[i]} at element ${i}`);
  return out;
}

function toLabels(d: NpyData, key: string): Int32Array {
  if (d instanceof Float32Array || d instanceof Float64Array) return bad(key, 'an integer dtype', 'floats');
  const out = new Int32Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = Number(d[i]!);
    if (!(v >= 0 && v <= 0x7fffffff)) bad(key, 'labels in 0..2^31-1', `${v} at element ${i}`);
    out[i] = v;
  }
  return out;
}

/**
 * Reads spike tensors `[N, T, H, W, 2]` (float32/64, bool, any int; C or Fortran order) and
 * integer labels `[N]` from an `.npz`; values become float32 (finite), labels int32 (≥ 0).
 * Allocation is bounded by `maxBytes` per array (see {@link openNpz}) plus the float32 copy.
 * @throws DecodeError for damaged files, a rank other than 5, a last axis other than 2, labels
 * not `[N]`, non-finite values; ConfigError when a named array is absent.
 * @example const { x, shape, labels } = readSpikeNpz(readFileSync('attacked.npz'));
 */
export function readSpikeNpz(bytes: Uint8Array, o: SpikeNpzKeys & NpyLimits = {}): SpikeSet {
  const dataKey = o.dataKey ?? 'x';
  const labelsKey = o.labelsKey ?? 'y';
  const npz = openNpz(bytes, o);
  const data = npz.get(dataKey);
  const s = data.shape;
  if (s.length !== 5 || s[4] !== 2) bad(dataKey, 'shape [N, T, H, W, 2]', `(${s.join(', ')})`);
  const labels = npz.get(labelsKey);
  if (labels.shape.length !== 1 || labels.shape[0] !== s[0]) bad(labelsKey, `shape [${s[0]}]`, `(${labels.shape.join(', ')})`);
  return { x: toFloat32(data.data, dataKey), shape: s as SpikeSet['shape'], labels: toLabels(labels.data, labelsKey) };
}

/**
 * Encodes spike tensors as float32 `x` `[N, T, H, W, 2]` and int64 labels `y` `[N]` (numpy's
 * default integer, what PyTorch's cross-entropy wants), or under the given keys.
 * @throws ConfigError when `x` does not hold `prod(shape)` floats or labels are not `N`.
 * @example writeFileSync('set.npz', encodeSpikeNpz({ x, shape: [N, T, H, W, 2], labels }));
 */
export function encodeSpikeNpz(set: SpikeSet, o: SpikeNpzKeys & { compress?: boolean } = {}): Uint8Array {
  if (set.labels.length !== set.shape[0]) throw new ConfigError(`spike npz: ${set.labels.length} labels for N = ${set.shape[0]}`);
  return encodeNpz([
    [o.dataKey ?? 'x', { dtype: 'f4', shape: set.shape, data: set.x }],
    [o.labelsKey ?? 'y', { dtype: 'i8', shape: [set.labels.length], data: BigInt64Array.from(set.labels, (v) => BigInt(v)) }],
  ], o);
}
