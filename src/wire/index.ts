/**
 * The spikeguard wire format (docs/wire.md): length-prefixed msgpack maps carrying hello, event
 * batches, end, spike tensors, predictions and audit records, with an incremental decoder.
 */
export * from './WireMessage.js';
export { WIRE_FORMAT, WIRE_VERSION, FRAME_PREFIX_BYTES, DEFAULT_MAX_FRAME_BYTES, MAX_AUDIT_DEPTH } from './wireFormat.js';
export { columnBytes, readColumn, type WireColumn } from './byteColumns.js';
export { eventsMessage, eventBatchOf } from './eventsCodec.js';
export { encodeMessage, encodeFrame } from './encodeMessage.js';
export { decodeMessage } from './decodeMessage.js';
export { FrameDecoder, type FrameDecoderOptions, type FrameOutput } from './FrameDecoder.js';
