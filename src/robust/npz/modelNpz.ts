import type { SnnModel } from '../../snn/index.js';
import type { NpyArray } from './npy.js';
import { encodeNpz } from './npz.js';

/** Name of the entry holding the model spec (UTF-8 JSON bytes, dtype uint8). */
export const SPEC_ENTRY = 'spec.json';

/**
 * Every parameter of a model as a float32 array named as in the checkpoint (`0.conv2d.kernel`,
 * `2.batchNorm.runningMean`, …, in layer order) in tfjs layouts — conv kernels
 * `[kh, kw, in, out]`, dense kernels `[in, out]`, biases and batch-norm vectors `[C]` — plus
 * {@link SPEC_ENTRY} (parameter names never end in `.json`), the model spec as UTF-8 JSON bytes. See docs/npz.md for PyTorch layouts.
 * Ownership: reads the model's variables; creates no lasting tensor.
 * @example writeFileSync('model.npz', modelToNpz(model));
 */
export function modelToNpz(model: SnnModel): Uint8Array {
  // dataSync() may return the backend's own store: only read here (encodeNpz copies it).
  const arrays: [string, NpyArray][] = model.params.map((p) =>
    [p.name, { dtype: 'f4', shape: [...p.variable.shape], data: p.variable.dataSync() as Float32Array }]);
  const spec = new TextEncoder().encode(JSON.stringify(model.spec));
  arrays.push([SPEC_ENTRY, { dtype: 'u1', shape: [spec.length], data: spec }]);
  return encodeNpz(arrays);
}
