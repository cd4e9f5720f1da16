import { Packr } from 'msgpackr';
import { type EventBatch, makeBatch } from '../../src/events/EventBatch.js';
import { FRAME_PREFIX_BYTES } from '../../src/wire/wireFormat.js';

/** A deterministic batch of `n` events (t strictly increasing, fractional µs included). */
export function sampleBatch(n: number, seed = 1, sensor = { width: 346, height: 260 }): EventBatch {
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const t = new Float64Array(n);
  const p = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (i * 7 + seed) % sensor.width;
    y[i] = (i * 13 + seed * 3) % sensor.height;
    t[i] = seed * 1e6 + i * 3.25;
    p[i] = (i + seed) % 2;
  }
  return makeBatch({ x, y, t, p }, sensor);
}

const rawPackr = new Packr({ useRecords: false, variableMapSize: true });

/** A frame around any msgpack value (for hostile inputs the encoder would refuse to write). */
export function rawFrame(value: unknown): Uint8Array {
  return prefixed(rawPackr.pack(value));
}

/** A frame around raw body bytes. */
export function prefixed(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_PREFIX_BYTES + body.length);
  new DataView(out.buffer).setUint32(0, body.length, false);
  out.set(body, FRAME_PREFIX_BYTES);
  return out;
}

/** Plain arrays of a batch's columns, for exact equality checks. */
export function columns(b: EventBatch): { x: number[]; y: number[]; t: number[]; p: number[] } {
  return { x: [...b.x], y: [...b.y], t: [...b.t], p: [...b.p] };
}
