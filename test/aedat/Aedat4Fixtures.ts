// Builders of synthetic AEDAT 4.0 files for the decoder and writer tests. Flatbuffers for FRME,
// IMUS, TRIG and custom EVTS packets are made with the `flatbuffers` npm Builder, independent of
// the writer's hand-built layouts.
import * as flatbuffers from 'flatbuffers';
import { compress as lz4Compress } from 'lz4js';
import { buildDataTable, buildIoHeader } from '../../src/aedat/aedat4/flatBuild.js';
import type { Aedat4TableEntry } from '../../src/aedat/aedat4/packets.js';
import { zstdStoredFrame } from '../../src/aedat/aedat4/codecs/zstdFrame.js';
import { AEDAT4_MAGIC } from '../../src/aedat/aedat4/ioHeader.js';
import { concatBytes } from '../helpers/bytes.js';

export type Compression = 'NONE' | 'LZ4' | 'ZSTD';
const CODE: Record<Compression, number> = { NONE: 0, LZ4: 1, ZSTD: 3 };

export function compressBody(c: Compression, raw: Uint8Array): Uint8Array {
  return c === 'LZ4' ? lz4Compress(raw) : c === 'ZSTD' ? zstdStoredFrame(raw) : raw;
}

export interface StreamDecl {
  id: number;
  type: string;
  width?: number;
  height?: number;
}

export function infoXml(streams: readonly StreamDecl[]): string {
  const nodes = streams.map((s) => {
    const size = s.width === undefined ? '' :
      `<attr key="sizeX" type="int">${s.width}</attr><attr key="sizeY" type="int">${s.height}</attr>`;
    return `<node name="${s.id}" path="/o/${s.id}/"><attr key="typeIdentifier" type="string">${s.type}</attr>` +
      `<node name="info" path="/o/${s.id}/info/">${size}<attr key="source" type="string">Test &amp; Co</attr></node></node>`;
  });
  return `<?xml version="1.0"?>\n<dv version="2.0"><!-- test --><node name="outInfo" path="/o/">${nodes.join('')}</node></dv>`;
}

export interface RawPacket {
  streamId: number;
  /** The size-prefixed flatbuffer (uncompressed). */
  fb: Uint8Array;
}

export interface BuildOptions {
  compression?: Compression;
  streams?: readonly StreamDecl[];
  /** Write a FileDataTable (default true); `rows` overrides the computed one. */
  table?: boolean;
  rows?: (computed: Aedat4TableEntry[]) => Aedat4TableEntry[];
  trailing?: Uint8Array;
}

/** A whole file: magic, IOHeader, packets, optional table (+ trailing bytes). */
export function buildFile(packets: readonly RawPacket[], o: BuildOptions = {}): Uint8Array {
  const c = o.compression ?? 'LZ4';
  const streams = o.streams ?? [{ id: 0, type: 'EVTS', width: 64, height: 48 }];
  const io0 = buildIoHeader(CODE[c], -1, infoXml(streams));
  const parts: Uint8Array[] = [AEDAT4_MAGIC, u32le(io0.length), io0];
  let pos = 18 + io0.length;
  const rows: Aedat4TableEntry[] = [];
  for (const p of packets) {
    const body = compressBody(c, p.fb);
    parts.push(i32pair(p.streamId, body.length), body);
    rows.push({ byteOffset: pos + 8, streamId: p.streamId, size: body.length, numElements: 0, timestampStartUs: 0, timestampEndUs: 0 });
    pos += 8 + body.length;
  }
  const withTable = o.table ?? true;
  if (withTable) parts.push(compressBody(c, buildDataTable(o.rows ? o.rows(rows) : rows)));
  if (o.trailing) parts.push(o.trailing);
  const file = concat(parts);
  if (withTable) {
    const io = buildIoHeader(CODE[c], pos, infoXml(streams));
    file.set(io, 18);
  }
  return file;
}

export const concat = concatBytes;

export function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

export function i32pair(a: number, b: number): Uint8Array {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, a, true);
  dv.setInt32(4, b, true);
  return out;
}

export interface Ev { t: number; x: number; y: number; p: number }

/** An EVTS packet made with the flatbuffers Builder (vector of 16-byte Event structs). */
export function evtsPacket(events: readonly Ev[]): Uint8Array {
  const b = new flatbuffers.Builder(64);
  b.startVector(16, events.length, 8);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    b.prep(8, 16);
    b.pad(3);
    b.writeInt8(e.p);
    b.writeInt16(e.y);
    b.writeInt16(e.x);
    b.writeInt64(BigInt(e.t));
  }
  const vec = b.endVector();
  b.startObject(1);
  b.addFieldOffset(0, vec, 0);
  b.finishSizePrefixed(b.endObject(), 'EVTS');
  return b.asUint8Array().slice();
}

export interface ImuIn { t: number; temperature: number; v: number }

/** An IMUS packet: a vector of IMU tables (all 11 fields, values derived from `v`). */
export function imuPacket(samples: readonly ImuIn[]): Uint8Array {
  const b = new flatbuffers.Builder(64);
  const offs = samples.map((s) => {
    b.startObject(11);
    b.addFieldInt64(0, BigInt(s.t), 0n);
    b.addFieldFloat32(1, s.temperature, 0);
    for (let k = 2; k < 11; k++) b.addFieldFloat32(k, s.v + k, 0);
    return b.endObject();
  });
  return tableVectorPacket(b, offs, 'IMUS');
}

/** A TRIG packet: a vector of Trigger tables. */
export function trigPacket(triggers: readonly { t: number; type: number }[]): Uint8Array {
  const b = new flatbuffers.Builder(64);
  const offs = triggers.map((s) => {
    b.startObject(2);
    b.addFieldInt64(0, BigInt(s.t), 0n);
    b.addFieldInt8(1, s.type, 0);
    return b.endObject();
  });
  return tableVectorPacket(b, offs, 'TRIG');
}

function tableVectorPacket(b: flatbuffers.Builder, offs: number[], id: string): Uint8Array {
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  const vec = b.endVector();
  b.startObject(1);
  b.addFieldOffset(0, vec, 0);
  b.finishSizePrefixed(b.endObject(), id);
  return b.asUint8Array().slice();
}

/** A FRME packet with the 11-field Frame table of older DV. */
export function frmePacket(f: { t: number; w: number; h: number; pixels: Uint8Array }): Uint8Array {
  const b = new flatbuffers.Builder(64);
  const px = b.createByteVector(f.pixels);
  b.startObject(11);
  for (let k = 0; k < 5; k++) b.addFieldInt64(k, BigInt(f.t + k), 0n);
  b.addFieldInt8(5, 0, 0);
  b.addFieldInt16(6, f.w, 0);
  b.addFieldInt16(7, f.h, 0);
  b.addFieldInt16(8, 1, 0);
  b.addFieldInt16(9, 2, 0);
  b.addFieldOffset(10, px, 0);
  b.finishSizePrefixed(b.endObject(), 'FRME');
  return b.asUint8Array().slice();
}
