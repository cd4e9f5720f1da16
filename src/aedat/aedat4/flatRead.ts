import { Aedat4BodyError, END_OF_BODY } from './codecs/CodecError.js';

/**
 * Bounds-checked reading of flatbuffers (https://flatbuffers.dev/internals/): every position is
 * checked against the buffer before it is read, so a hostile offset gives an `Aedat4BodyError`,
 * never a RangeError or a read of `undefined`.
 */
export interface FbTable {
  readonly buf: Uint8Array;
  /** Position of the table (its soffset to the vtable). */
  readonly pos: number;
  readonly vtable: number;
  /** Number of field slots the vtable has (missing trailing fields read as defaults). */
  readonly slots: number;
}

const U32 = 2 ** 32;

/**
 * Checks that `n` bytes at `at` lie in the buffer. `from` is where the offset leading to `at` was
 * read: the fault is reported there, as `at` itself may be anywhere (negative, past the end).
 */
function need(buf: Uint8Array, at: number, n: number, what: string, from: number): void {
  if (at < 0 || at + n > buf.length) {
    throw new Aedat4BodyError(from, `${what} within the ${buf.length}-byte flatbuffer`, `position ${at}`);
  }
}

/** Unsigned 32-bit LE at `at` (unchecked; callers check). */
export function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Signed 32-bit LE at `at` (unchecked). */
export function i32(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
}

/** Signed 64-bit LE at `at` as a number (exact below 2^53; unchecked). */
function i64(b: Uint8Array, at: number): number {
  return u32(b, at) + i32(b, at + 4) * U32;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

/** The 4-character file identifier at bytes 4..7 (after the size prefix, if any). */
export function fileIdentifier(buf: Uint8Array): string {
  need(buf, 4, 4, 'a file identifier', 0);
  return String.fromCharCode(buf[4]!, buf[5]!, buf[6]!, buf[7]!);
}

/**
 * Unwraps a size-prefixed flatbuffer: checks the uint32 length against the bytes present.
 * @throws Aedat4BodyError when the prefix is missing or claims more bytes than there are.
 */
export function sizePrefixed(body: Uint8Array): Uint8Array {
  if (body.length < 4) throw new Aedat4BodyError(body.length, 'a 4-byte size prefix', END_OF_BODY);
  const n = u32(body, 0);
  if (4 + n > body.length) throw new Aedat4BodyError(body.length, `a ${n}-byte flatbuffer after the size prefix`, END_OF_BODY);
  return body.subarray(4, 4 + n);
}

/** The root table of a (not size-prefixed) flatbuffer. @throws Aedat4BodyError */
export function rootTable(buf: Uint8Array): FbTable {
  need(buf, 0, 8, 'a root offset and identifier', 0);
  return tableAt(buf, u32(buf, 0), 0);
}

/** The table at `pos` (an offset read at `from`), with its vtable checked. @throws Aedat4BodyError */
export function tableAt(buf: Uint8Array, pos: number, from: number): FbTable {
  need(buf, pos, 4, 'a table', from);
  const vtable = pos - i32(buf, pos);
  need(buf, vtable, 4, 'a vtable', pos);
  const vtBytes = u16(buf, vtable);
  if (vtBytes < 4 || (vtBytes & 1) !== 0) throw new Aedat4BodyError(vtable, 'a vtable size >= 4, even', `${vtBytes}`);
  need(buf, vtable, vtBytes, 'a vtable', vtable);
  need(buf, pos, u16(buf, vtable + 2), 'a table body', vtable + 2);
  return { buf, pos, vtable, slots: (vtBytes - 4) >> 1 };
}

/**
 * Position of field `slot` (0-based, schema order) holding `width` bytes, or -1 when absent.
 * @throws Aedat4BodyError when the field lies outside the buffer.
 */
export function field(t: FbTable, slot: number, width: number): number {
  if (slot >= t.slots) return -1;
  const off = u16(t.buf, t.vtable + 4 + 2 * slot);
  if (off === 0) return -1;
  need(t.buf, t.pos + off, width, `field ${slot}`, t.vtable + 4 + 2 * slot);
  return t.pos + off;
}

/** Scalar readers with flatbuffer defaults for absent fields. */
export function readI64(t: FbTable, slot: number, dflt = 0): number {
  const at = field(t, slot, 8);
  return at < 0 ? dflt : i64(t.buf, at);
}
export function readI32(t: FbTable, slot: number, dflt = 0): number {
  const at = field(t, slot, 4);
  return at < 0 ? dflt : i32(t.buf, at);
}
export function readI16(t: FbTable, slot: number, dflt = 0): number {
  const at = field(t, slot, 2);
  return at < 0 ? dflt : (u16(t.buf, at) << 16) >> 16;
}
export function readI8(t: FbTable, slot: number, dflt = 0): number {
  const at = field(t, slot, 1);
  return at < 0 ? dflt : (t.buf[at]! << 24) >> 24;
}
export function readF32(t: FbTable, slot: number, scratch: DataView, dflt = 0): number {
  const at = field(t, slot, 4);
  if (at < 0) return dflt;
  for (let i = 0; i < 4; i++) scratch.setUint8(i, t.buf[at + i]!);
  return scratch.getFloat32(0, true);
}

/** Where a vector's elements start and how many there are. */
interface FbVector {
  readonly start: number;
  readonly length: number;
}

/**
 * The vector in field `slot` with elements of `elemBytes` (structs inline, or 4-byte offsets to
 * tables); an absent field is an empty vector. @throws Aedat4BodyError
 */
export function readVector(t: FbTable, slot: number, elemBytes: number): FbVector {
  const at = field(t, slot, 4);
  if (at < 0) return { start: 0, length: 0 };
  const v = at + u32(t.buf, at);
  need(t.buf, v, 4, 'a vector length', at);
  const length = u32(t.buf, v);
  need(t.buf, v + 4, length * elemBytes, `a vector of ${length} × ${elemBytes} bytes`, v);
  return { start: v + 4, length };
}

/** The table that element `i` of a vector of tables points to. @throws Aedat4BodyError */
export function vectorTable(t: FbTable, vec: FbVector, i: number): FbTable {
  const e = vec.start + 4 * i;
  return tableAt(t.buf, e + u32(t.buf, e), e);
}

/** The UTF-8 string in field `slot`, or '' when absent. @throws Aedat4BodyError */
export function readString(t: FbTable, slot: number): string {
  const vec = readVector(t, slot, 1);
  return new TextDecoder().decode(t.buf.subarray(vec.start, vec.start + vec.length));
}
