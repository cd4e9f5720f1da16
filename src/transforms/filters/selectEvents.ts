import type { EventBatch, SensorSize } from '../../events/EventBatch.js';

/**
 * The events at indices `idx[0..m)` (increasing) copied into new arrays, with the sensor size of
 * `b`. Returns `b` itself when every event is selected. One pass, no per-event allocation: the
 * compaction step shared by every filter kernel.
 *
 * @example
 * const idx = new Uint32Array(b.t.length); let m = 0;
 * for (let i = 0; i < b.t.length; i++) if (b.p[i] === 1) idx[m++] = i;
 * const on = selectEvents(b, idx, m);
 */
export function selectEvents(b: EventBatch, idx: Uint32Array, m: number, sensor: SensorSize = b): EventBatch {
  if (m === b.t.length && sensor.width === b.width && sensor.height === b.height) return b;
  const x = new Uint16Array(m);
  const y = new Uint16Array(m);
  const t = new Float64Array(m);
  const p = new Uint8Array(m);
  const { x: bx, y: by, t: bt, p: bp } = b;
  for (let j = 0; j < m; j++) {
    const i = idx[j]!;
    x[j] = bx[i]!;
    y[j] = by[i]!;
    t[j] = bt[i]!;
    p[j] = bp[i]!;
  }
  return { x, y, t, p, width: sensor.width, height: sensor.height };
}
