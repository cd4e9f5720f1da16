import { createHash } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import type { SampleSet } from '../../snn/index.js';
import { domainMax, type InputDomain } from '../InputDomain.js';

/** One batch of samples as time-major data `[T, B, H, W, C]` and labels. */
export interface BatchData {
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number, number];
  readonly labels: Int32Array;
}

/** Number of batches of `batchSize` over `n` samples (the last may be smaller). */
export function batchCount(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

/**
 * Batch `index` of `set`, samples `[index·batchSize, …)` stacked time-major (as `stackBatch`,
 * without making a tensor, so it can be sent to a worker).
 * @throws ConfigError when a sample's length differs from the set's shape.
 */
export function batchData(set: SampleSet, index: number, batchSize: number): BatchData {
  const [T, H, W, C] = set.shape;
  const first = index * batchSize;
  const B = Math.min(batchSize, set.size - first);
  const frame = H * W * C;
  const data = new Float32Array(T * B * frame);
  const labels = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    const { x, label } = set.get(first + b);
    if (x.length !== T * frame) throw new ConfigError(`sample ${first + b}: ${x.length} values, expected ${T * frame} for [${set.shape.join(', ')}]`);
    for (let t = 0; t < T; t++) data.set(x.subarray(t * frame, (t + 1) * frame), (t * B + b) * frame);
    labels[b] = label;
  }
  return { data, shape: [T, B, H, W, C], labels };
}

/** SHA-256 of every sample's values and label, in order (the data part of the resume key). */
export function dataSha256(set: SampleSet): string {
  const h = createHash('sha256').update(JSON.stringify({ size: set.size, shape: set.shape }));
  for (let i = 0; i < set.size; i++) {
    const { x, label } = set.get(i);
    h.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).update(Int32Array.of(label));
  }
  return h.digest('hex');
}

/** Bytes one batch's attack may hold at once, as a multiple of its input (x, the adversarial point, its gradient, the worst case, activations). */
const WORKING_COPIES = 16;

/**
 * Checks that the audit fits the memory budget before anything is allocated: one batch's working
 * set (≈ {@link WORKING_COPIES} copies of `[T, B, H, W, C]` float32) per worker.
 * @throws ConfigError for an empty set or a batch that does not fit `memoryMb`, naming the sizes.
 */
export function checkAuditMemory(set: SampleSet, batchSize: number, workers: number, memoryMb: number): void {
  if (set.size === 0) throw new ConfigError('audit: the data holds no samples');
  const [T, H, W, C] = set.shape;
  const batchBytes = Math.min(batchSize, set.size) * T * H * W * C * 4;
  const need = batchBytes * WORKING_COPIES * workers;
  if (!(need <= memoryMb * 2 ** 20)) {
    throw new ConfigError(`audit: batches of ${Math.min(batchSize, set.size)} × [${set.shape.join(', ')}] on ${workers} worker(s) need ~${Math.ceil(need / 2 ** 20)} MB, over --memory-mb ${memoryMb}; lower --batch`);
  }
}

/** How many input cells the domain's projection changes before any attack, of how many. */
export interface DomainClamp {
  readonly changed: number;
  readonly cells: number;
}

/**
 * Counts the cells of the clean data that projecting onto `domain` changes: values below 0 or
 * above the domain's maximum (count frames under the paper's `[0, 1]` clamp: every cell holding
 * 2 or more events), and for `binary` any value other than 0 or 1. An audit reports this, since
 * a clamp that rewrites the input changes what "clean" means.
 */
export function domainClamp(set: SampleSet, domain: InputDomain): DomainClamp {
  const max = domainMax(domain);
  let changed = 0;
  let cells = 0;
  for (let i = 0; i < set.size; i++) {
    const { x } = set.get(i);
    cells += x.length;
    for (const v of x) if (v < 0 || v > max || (domain.kind === 'binary' && v !== 0 && v !== 1)) changed++;
  }
  return { changed, cells };
}
