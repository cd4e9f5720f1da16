import { Unpackr } from 'msgpackr';
import { DecodeError } from '../errors.js';
import type { WireMessage } from './WireMessage.js';
import { FieldReader, describeValue, isPlainMap } from './FieldReader.js';
import { decodeAudit } from './auditCodec.js';
import { decodeEnd, decodeHello } from './controlCodec.js';
import { decodeEvents } from './eventsCodec.js';
import { decodePrediction, decodeSpikes } from './tensorCodecs.js';
import { WIRE_FORMAT } from './wireFormat.js';

// Plain maps as objects; `bin` fields come back as views on the body (no copy). Integers beyond
// 2^53 become the nearest double, which every integer field then rejects as out of range.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });

const readers: Readonly<Record<WireMessage['kind'], (f: FieldReader) => WireMessage>> = {
  hello: decodeHello, events: decodeEvents, end: decodeEnd, spikes: decodeSpikes, prediction: decodePrediction, audit: decodeAudit,
};

/**
 * Decodes one msgpack body (without its length prefix) into a checked message. Unknown fields
 * are ignored, so later versions may add optional ones.
 * @param offsetBytes stream offset of the frame, reported in errors.
 * @throws DecodeError when the body is not one msgpack map, its `kind` is unknown, or a field
 *   has the wrong type or length.
 */
export function decodeMessage(body: Uint8Array, offsetBytes = 0): WireMessage {
  let map: unknown;
  try {
    map = unpackr.unpack(body);
  } catch (e) {
    // Garbage can make msgpackr throw anything, a stack overflow included: all of it is bad input.
    throw new DecodeError(WIRE_FORMAT, offsetBytes, 'one msgpack map', `undecodable msgpack (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isPlainMap(map)) throw new DecodeError(WIRE_FORMAT, offsetBytes, 'a msgpack map', describeValue(map));
  const kind = map['kind'];
  if (typeof kind !== 'string' || !Object.hasOwn(readers, kind)) {
    throw new DecodeError(WIRE_FORMAT, offsetBytes, `kind one of ${Object.keys(readers).join(', ')}`, describeValue(kind));
  }
  return readers[kind as WireMessage['kind']](new FieldReader(map, kind, offsetBytes));
}
