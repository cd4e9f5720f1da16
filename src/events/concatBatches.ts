import { type EventBatch, type SensorSize, emptyBatch } from './EventBatch.js';

/**
 * Concatenates batches in order into one batch. A single non-empty batch is returned as is
 * (no copy). The sensor size is the first non-empty batch's (a decoder may emit empty batches
 * before it knows the size), else the last batch's, else `sensor`.
 */
export function concatBatches(batches: readonly EventBatch[], sensor?: SensorSize): EventBatch {
  const nonEmpty = batches.filter((b) => b.t.length > 0);
  const size = nonEmpty[0] ?? batches[batches.length - 1] ?? sensor ?? { width: 0, height: 0 };
  if (nonEmpty.length === 0) return emptyBatch(size);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const n = nonEmpty.reduce((s, b) => s + b.t.length, 0);
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const t = new Float64Array(n);
  const p = new Uint8Array(n);
  let at = 0;
  for (const b of nonEmpty) {
    x.set(b.x, at);
    y.set(b.y, at);
    t.set(b.t, at);
    p.set(b.p, at);
    at += b.t.length;
  }
  return { x, y, t, p, width: size.width, height: size.height };
}
