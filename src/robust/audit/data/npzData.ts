import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../../../errors.js';
import { readSpikeNpz } from '../../npz/spikeNpz.js';
import type { AuditData } from './AuditData.js';

/**
 * Spike tensors `[N, T, H, W, 2]` and labels `[N]` from a NumPy `.npz` (arrays `x` and `y`).
 * Nothing larger than `maxBytes` is read or decoded.
 * @throws ConfigError for a file over the budget or without samples; DecodeError for a damaged file.
 */
export async function npzData(path: string, maxBytes: number): Promise<AuditData> {
  const size = (await stat(path)).size;
  if (size > maxBytes) throw new ConfigError(`audit: ${path} is ${Math.ceil(size / 2 ** 20)} MB, over the memory budget of ${Math.floor(maxBytes / 2 ** 20)} MB`);
  const set = readSpikeNpz(await readFile(path), { maxBytes });
  const [N, T, H, W, C] = set.shape;
  if (N === 0) throw new ConfigError(`audit: ${path} holds no samples`);
  const per = T * H * W * C;
  return {
    samples: { size: N, shape: [T, H, W, C], get: (i) => ({ x: set.x.subarray(i * per, (i + 1) * per), label: set.labels[i]! }) },
    source: { kind: 'npz', path },
    inputs: [path],
  };
}
