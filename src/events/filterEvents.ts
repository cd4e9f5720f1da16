import type { EventBatch } from './EventBatch.js';

/**
 * Keeps the events for which `keep(i)` is true, copying them into new arrays.
 * Returns the input itself when every event is kept.
 */
export function filterEvents(b: EventBatch, keep: (i: number) => boolean): EventBatch {
  const n = b.t.length;
  const idx = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (keep(i)) idx[m++] = i;
  if (m === n) return b;
  const x = new Uint16Array(m);
  const y = new Uint16Array(m);
  const t = new Float64Array(m);
  const p = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const i = idx[j]!;
    x[j] = b.x[i]!;
    y[j] = b.y[i]!;
    t[j] = b.t[i]!;
    p[j] = b.p[i]!;
  }
  return { x, y, t, p, width: b.width, height: b.height };
}
