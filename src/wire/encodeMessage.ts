import { Packr } from 'msgpackr';
import { ConfigError } from '../errors.js';
import type { WireMessage } from './WireMessage.js';
import { encodeAudit } from './auditCodec.js';
import { encodeEnd, encodeHello } from './controlCodec.js';
import { encodeEvents } from './eventsCodec.js';
import { encodePrediction, encodeSpikes } from './tensorCodecs.js';
import { DEFAULT_MAX_FRAME_BYTES, FRAME_PREFIX_BYTES } from './wireFormat.js';

// Plain msgpack maps (no msgpackr records), so any msgpack library reads them.
const packr = new Packr({ useRecords: false, variableMapSize: true });

/** The msgpack map of a message, with columns as `bin` views. */
function toMap(m: WireMessage): Record<string, unknown> {
  switch (m.kind) {
    case 'hello': return encodeHello(m);
    case 'events': return encodeEvents(m);
    case 'end': return encodeEnd(m);
    case 'spikes': return encodeSpikes(m);
    case 'prediction': return encodePrediction(m);
    case 'audit': return encodeAudit(m);
  }
}

/**
 * The msgpack body of a message (one map, no length prefix): what a WebSocket or datagram peer
 * that frames messages itself would carry.
 * @throws ConfigError on a big-endian host (columns are little-endian).
 */
export function encodeMessage(m: WireMessage): Uint8Array {
  return packr.pack(toMap(m));
}

/**
 * One frame of the byte stream: a big-endian uint32 body length, then the msgpack body. The
 * result owns its memory (columns are copied into it).
 * @throws ConfigError when the body exceeds `maxFrameBytes` (default 64 MiB), which receivers
 *   with the same bound would reject; split large batches first.
 * @example socket.write(encodeFrame({ kind: 'hello', version: WIRE_VERSION, width: 346, height: 260 }))
 */
export function encodeFrame(m: WireMessage, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Uint8Array {
  const body = encodeMessage(m);
  if (body.length > maxFrameBytes) {
    throw new ConfigError(`spikeguard-wire: a ${m.kind} message of ${body.length} bytes exceeds maxFrameBytes ${maxFrameBytes}`);
  }
  const frame = new Uint8Array(FRAME_PREFIX_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, false);
  frame.set(body, FRAME_PREFIX_BYTES);
  return frame;
}
