import { type Aedat4TableEntry, EVENT_BYTES, PACKET_IDS } from './packets.js';

/**
 * Hand-built flatbuffers for the writer, in fixed layouts that follow the dv schemas exactly
 * (vtables, 8-byte alignment of int64 fields and Event structs counted from the start of the
 * size prefix, as flatbuffers' `FinishSizePrefixed` aligns them).
 */

const U32 = 2 ** 32;
const IOHEADER_ID = 'IOHE';
/** Where the IOHeader's int64 dataTablePosition sits inside the IOHeader flatbuffer. */
export const IOHEADER_TABLE_POSITION_AT = 32;

function setI64(dv: DataView, at: number, v: number): void {
  const hi = Math.floor(v / U32);
  dv.setUint32(at, v - hi * U32, true);
  dv.setInt32(at + 4, hi, true);
}

function setId(b: Uint8Array, at: number, id: string): void {
  for (let i = 0; i < 4; i++) b[at + i] = id.charCodeAt(i);
}

/** Little-endian int64 bytes of `v` (an integer below 2^53 in magnitude). */
export function int64Bytes(v: number): Uint8Array {
  const b = new Uint8Array(8);
  setI64(new DataView(b.buffer), 0, v);
  return b;
}

/**
 * The IOHeader flatbuffer (identifier `IOHE`, not size-prefixed) with all three fields present,
 * dataTablePosition at byte {@link IOHEADER_TABLE_POSITION_AT} so it can be patched in place.
 * Layout: root offset, id, vtable [10, 20, 4, 8, 16] at 8, table at 24 (soffset 16,
 * compression @28, dataTablePosition @32, infoNode offset @40), string at 44.
 */
export function buildIoHeader(compressionCode: number, dataTablePosition: number, infoNode: string): Uint8Array {
  const text = new TextEncoder().encode(infoNode);
  const size = (44 + 4 + text.length + 1 + 7) & ~7; // 8-aligned like flatbuffers (int64 inside)
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 24, true);
  setId(b, 4, IOHEADER_ID);
  [10, 20, 4, 8, 16].forEach((v, i) => dv.setUint16(8 + 2 * i, v, true));
  dv.setInt32(24, 24 - 8, true);
  dv.setInt32(28, compressionCode, true);
  setI64(dv, IOHEADER_TABLE_POSITION_AT, dataTablePosition);
  dv.setUint32(40, 44 - 40, true);
  dv.setUint32(44, text.length, true);
  b.set(text, 48); // NUL terminator and padding are the zeros already there
  return b;
}

/** Bytes before the first Event struct in {@link buildEventPacket}'s layout. */
export const EVENT_PACKET_HEAD = 32;

/**
 * Fills the head of a size-prefixed `EVTS` EventPacket holding `n` events whose 16-byte structs
 * the caller writes at `EVENT_PACKET_HEAD + 16·i`. Layout (from the size prefix): size, root 16,
 * `EVTS`, vtable [6, 8, 4] at 12, table at 20 (soffset 8, vector offset 4), vector length at 28.
 * @returns the packet's total length.
 */
export function writeEventPacketHead(b: Uint8Array, n: number): number {
  const total = EVENT_PACKET_HEAD + EVENT_BYTES * n;
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  dv.setUint32(0, total - 4, true);
  dv.setUint32(4, 16, true);
  setId(b, 8, PACKET_IDS.events);
  dv.setUint16(12, 6, true);
  dv.setUint16(14, 8, true);
  dv.setUint16(16, 4, true);
  dv.setUint16(18, 0, true);
  dv.setInt32(20, 8, true);
  dv.setUint32(24, 4, true);
  dv.setUint32(28, n, true);
  return total;
}


const ENTRY_BYTES = 48; // soffset, pad, ByteOffset, PacketInfo, NumElements, TimestampStart, TimestampEnd

/**
 * A size-prefixed `FTAB` FileDataTable with all five fields of every entry present. Layout: size,
 * root 16, `FTAB`, root vtable [6, 8, 4] at 12, root table at 20 → vector at 28 of n offsets,
 * the shared entry vtable [14, 48, 8, 16, 24, 32, 40], then 8-aligned 48-byte entry tables.
 */
export function buildDataTable(rows: readonly Aedat4TableEntry[]): Uint8Array {
  const n = rows.length;
  const vtable = 32 + 4 * n;
  const first = (vtable + 14 + 7) & ~7;
  const b = new Uint8Array(first + ENTRY_BYTES * n);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, b.length - 4, true);
  dv.setUint32(4, 16, true);
  setId(b, 8, PACKET_IDS.table);
  [6, 8, 4].forEach((v, i) => dv.setUint16(12 + 2 * i, v, true));
  dv.setInt32(20, 8, true);
  dv.setUint32(24, 4, true);
  dv.setUint32(28, n, true);
  [14, 48, 8, 16, 24, 32, 40].forEach((v, i) => dv.setUint16(vtable + 2 * i, v, true));
  rows.forEach((r, i) => {
    const e = first + ENTRY_BYTES * i;
    dv.setUint32(32 + 4 * i, e - (32 + 4 * i), true);
    dv.setInt32(e, e - vtable, true);
    setI64(dv, e + 8, r.byteOffset);
    dv.setInt32(e + 16, r.streamId, true);
    dv.setInt32(e + 20, r.size, true);
    setI64(dv, e + 24, r.numElements);
    setI64(dv, e + 32, r.timestampStartUs);
    setI64(dv, e + 40, r.timestampEndUs);
  });
  return b;
}
