import type { EndMessage, HelloMessage } from './WireMessage.js';
import type { FieldReader } from './FieldReader.js';
import { WIRE_VERSION } from './wireFormat.js';

/** The msgpack map of a `hello` (optional fields left out when absent). */
export function encodeHello(m: HelloMessage): Record<string, unknown> {
  const map: Record<string, unknown> = { kind: 'hello', version: m.version, width: m.width, height: m.height };
  if (m.source !== undefined) map['source'] = m.source;
  return map;
}

/** Reads a `hello`; the version must be {@link WIRE_VERSION}, the sensor 1–65535 pixels a side. */
export function decodeHello(f: FieldReader): HelloMessage {
  const version = f.integer('version', WIRE_VERSION, WIRE_VERSION);
  const width = f.integer('width', 1, 65_535);
  const height = f.integer('height', 1, 65_535);
  const source = f.optionalString('source');
  return source === undefined ? { kind: 'hello', version, width, height } : { kind: 'hello', version, width, height, source };
}

/** The msgpack map of an `end`. */
export function encodeEnd(_m: EndMessage): Record<string, unknown> {
  return { kind: 'end' };
}

/** Reads an `end` (no fields). */
export function decodeEnd(_f: FieldReader): EndMessage {
  return { kind: 'end' };
}
