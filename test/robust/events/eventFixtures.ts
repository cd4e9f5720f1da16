import { type EventBatch, makeBatch } from '../../../src/events/EventBatch.js';
import { seededRng } from '../../../src/events/seededRng.js';

/**
 * A recording on a `side × side` sensor: `n` events over `durationUs` µs, clustered on a moving
 * blob so some cells hold several events (integer timestamps, unsorted on purpose).
 */
export function blobRecording(seed: number, n: number, side = 34, durationUs = 100_000): EventBatch {
  const rng = seededRng(seed);
  const cols = { x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const t = Math.floor(rng.next() * durationUs);
    const cx = (side / 4) + (side / 2) * (t / durationUs);
    cols.t[i] = t;
    cols.x[i] = Math.min(side - 1, Math.max(0, Math.round(cx + (rng.next() - 0.5) * 6)));
    cols.y[i] = Math.min(side - 1, Math.floor(side / 2 + (rng.next() - 0.5) * 6));
    cols.p[i] = rng.next() < 0.5 ? 1 : 0;
  }
  return makeBatch(cols, { width: side, height: side });
}
