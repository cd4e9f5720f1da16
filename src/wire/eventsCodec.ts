import { type EventBatch, type SensorSize, makeBatch } from '../events/EventBatch.js';
import type { EventsMessage } from './WireMessage.js';
import type { FieldReader } from './FieldReader.js';
import { columnBytes, readColumn } from './byteColumns.js';

/**
 * An `events` message carrying a batch's columns (views, no copy until encoded).
 * @example encodeFrame(eventsMessage(batch, { seq: 7 }))
 */
export function eventsMessage(b: EventBatch, extra: { seq?: number; sentAtMs?: number } = {}): EventsMessage {
  return { kind: 'events', x: b.x, y: b.y, t: b.t, p: b.p, ...extra };
}

/**
 * The batch of an `events` message for the sensor a `hello` announced. The columns are taken,
 * not copied (they may be views on the received bytes).
 */
export function eventBatchOf(m: EventsMessage, sensor: SensorSize): EventBatch {
  return makeBatch({ x: m.x, y: m.y, t: m.t, p: m.p }, sensor);
}

/** The msgpack map of an `events` message: x, y (u16), t (f64 µs), p (u8) as little-endian `bin`. */
export function encodeEvents(m: EventsMessage): Record<string, unknown> {
  const map: Record<string, unknown> = {
    kind: 'events', x: columnBytes(m.x), y: columnBytes(m.y), t: columnBytes(m.t), p: columnBytes(m.p),
  };
  if (m.seq !== undefined) map['seq'] = m.seq;
  if (m.sentAtMs !== undefined) map['sentAtMs'] = m.sentAtMs;
  return map;
}

/** Reads an `events` message: four columns of one length, polarity 0 or 1. */
export function decodeEvents(f: FieldReader): EventsMessage {
  const xBytes = f.bin('x', 2);
  const n = xBytes.length / 2;
  const column = (field: string, bytesPerEvent: number): Uint8Array => {
    const bytes = f.bin(field, bytesPerEvent);
    if (bytes.length !== n * bytesPerEvent) f.fail(field, `bin of ${n * bytesPerEvent} bytes (${n} events in x)`, `${bytes.length} bytes`);
    return bytes;
  };
  const yBytes = column('y', 2);
  const tBytes = column('t', 8);
  const p = readColumn(column('p', 1), Uint8Array); // a plain view, not the Node Buffer msgpackr gives
  const bad = firstNonPolarity(p);
  if (bad >= 0) f.fail('p', 'polarities 0 or 1', `${p[bad]} at event ${bad}`);
  const msg: EventsMessage = {
    kind: 'events', x: readColumn(xBytes, Uint16Array), y: readColumn(yBytes, Uint16Array), t: readColumn(tBytes, Float64Array), p,
  };
  const seq = f.optionalInteger('seq', 0, Number.MAX_SAFE_INTEGER);
  const sentAtMs = f.optionalNumber('sentAtMs');
  return { ...msg, ...(seq === undefined ? {} : { seq }), ...(sentAtMs === undefined ? {} : { sentAtMs }) };
}

/** Index of the first value other than 0 or 1, or -1 (a plain loop: this runs once per event). */
function firstNonPolarity(p: Uint8Array): number {
  for (let i = 0; i < p.length; i++) if (p[i]! > 1) return i;
  return -1;
}
