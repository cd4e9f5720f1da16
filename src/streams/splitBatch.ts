import { type EventBatch, sliceIndex } from '../events/EventBatch.js';

/**
 * Cuts a batch into views of at most `maxEvents` events each, in order (no copy). An empty batch
 * gives no pieces.
 *
 * @example
 * splitBatch(b, 4096).forEach((piece) => sub.next(piece));
 */
export function splitBatch(b: EventBatch, maxEvents: number): EventBatch[] {
  const n = b.t.length;
  if (n <= maxEvents) return n === 0 ? [] : [b];
  const pieces: EventBatch[] = [];
  for (let at = 0; at < n; at += maxEvents) pieces.push(sliceIndex(b, at, Math.min(n, at + maxEvents)));
  return pieces;
}
