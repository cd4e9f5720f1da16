import { DecodeError, TruncatedInputError } from '../../errors.js';
import type { FileHeader } from '../core/types.js';
import { Aedat4BodyError } from './codecs/CodecError.js';
import { type Aedat4IoHeader, parseIoHeader } from './ioHeader.js';
import { XmlSyntaxError } from './infoNodeXml.js';
import type { StreamPlan } from './streamRoles.js';

export const FORMAT = 'aedat4';
/** File offset of the IOHeader flatbuffer (after the magic and its uint32 size). */
export const HEADER_START = 18;

/** Parses the IOHeader found at offset `at` (18 in a file, 4 in a network stream). @throws DecodeError */
export function parseHeaderBytes(v: Uint8Array, at = HEADER_START): Aedat4IoHeader {
  try {
    return parseIoHeader(v);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new DecodeError(FORMAT, at, 'well-formed infoNode XML', e.message);
    throw bodyError(e, at, 0);
  }
}

/**
 * A DecodeError for a fault inside a body starting at file offset `at`. `shift` >= 0 when the
 * fault position maps to a file offset (`at + shift + position`), -1 when it lies in
 * decompressed data (then the offset is the body's and the position is named in `got`).
 */
export function bodyError(e: unknown, at: number, shift: number): DecodeError {
  if (e instanceof DecodeError) return e;
  if (!(e instanceof Aedat4BodyError)) return new DecodeError(FORMAT, at, 'a decodable packet body', String(e));
  if (shift >= 0) return new DecodeError(FORMAT, at + shift + e.at, e.expected, e.got);
  return new DecodeError(FORMAT, at, `${e.expected} (decompressed body)`, `${e.got} at decompressed byte ${e.at}`);
}

/** True for a body fault caused by the bytes ending early (possibly wrapped by unpack). */
export function isTruncation(e: unknown): boolean {
  return e instanceof Aedat4BodyError && e.truncated;
}

/** The decoder's FileHeader for an IOHeader and the chosen streams. */
export function makeHeader(io: Aedat4IoHeader, plan: StreamPlan, headerBytes: number, width: number | null, height: number | null): FileHeader {
  const metadata: Record<string, string> = {
    compression: io.compression,
    dataTablePosition: String(io.dataTablePosition),
  };
  if (plan.events) metadata['eventStream'] = String(plan.events.id);
  if (plan.events?.source !== undefined) metadata['source'] = plan.events.source;
  return { format: FORMAT, width, height, headerBytes, metadata, streams: io.streams };
}

/** Where the decoder is in the file. */
export type Phase = 'magic' | 'headerSize' | 'header' | 'packets' | 'table' | 'done';

/**
 * The error for input that ended in `phase` with the bytes `left` not decoded, or undefined when the
 * file may end there (between packets of a file without a table, or after the table).
 */
export function truncation(
  phase: Phase, offset: number, left: Uint8Array, headerLength: number, table: number,
): DecodeError | undefined {
  const got = `${left.length} bytes`;
  switch (phase) {
    case 'magic': return new TruncatedInputError(FORMAT, 0, 'the 14-byte magic', got);
    case 'headerSize': return new TruncatedInputError(FORMAT, offset, 'a 4-byte IOHeader size', got);
    case 'header': return new TruncatedInputError(FORMAT, offset, `a ${headerLength}-byte IOHeader`, got);
    case 'packets':
      if (left.length > 0) return packetTruncation(offset, left);
      if (table >= 0) return new TruncatedInputError(FORMAT, offset, `the FileDataTable at ${table}`, 'end of input');
      return undefined;
    default: return undefined;
  }
}

/** A packet cut by the end of input: names the size its header announces when the header is whole. */
function packetTruncation(offset: number, left: Uint8Array): TruncatedInputError {
  if (left.length < 8) {
    return new TruncatedInputError(FORMAT, offset, 'an 8-byte packet header (StreamID, Size)', `the input ends after ${left.length} bytes`);
  }
  const announced = 8 + new DataView(left.buffer, left.byteOffset).getInt32(4, true);
  return new TruncatedInputError(FORMAT, offset, `a whole packet: the packet announces ${announced} bytes (8 header + Size)`,
    `the file ends after ${left.length} of them`);
}
