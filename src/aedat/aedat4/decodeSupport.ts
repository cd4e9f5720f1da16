import { DecodeError } from '../../errors.js';
import { Aedat4BodyError } from './codecs/CodecError.js';

export const FORMAT = 'aedat4';
/** File offset of the IOHeader flatbuffer (after the magic and its uint32 size). */
export const HEADER_START = 18;

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
