import { crc32, deflateRawSync } from 'node:zlib';
import { ConfigError } from '../../errors.js';

/** A member to write: its name in the archive and its bytes. */
export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
}

/** DOS date 1980-01-01, time 00:00: fixed so the same arrays give the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const LIMIT32 = 0xffffffff;

function header(sig: number, bytes: number): { out: Uint8Array; v: DataView } {
  const out = new Uint8Array(bytes);
  const v = new DataView(out.buffer);
  v.setUint32(0, sig, true);
  return { out, v };
}

interface Member { name: Uint8Array; utf8: boolean; method: number; crc: number; size: number; body: Uint8Array; offset: number }

/** Fields shared by the local (from byte 4) and central (from byte 6) headers. */
function common(v: DataView, at: number, m: Member): void {
  v.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  v.setUint16(at + 2, m.utf8 ? 0x800 : 0, true);
  v.setUint16(at + 4, m.method, true);
  v.setUint16(at + 8, DOS_DATE, true);
  v.setUint32(at + 10, m.crc, true);
  v.setUint32(at + 14, m.body.length, true);
  v.setUint32(at + 18, m.size, true);
  v.setUint16(at + 22, m.name.length, true);
}

function localHeader(m: Member): Uint8Array {
  const { out, v } = header(0x04034b50, 30 + m.name.length);
  common(v, 4, m);
  out.set(m.name, 30);
  return out;
}

function centralHeader(m: Member): Uint8Array {
  const { out, v } = header(0x02014b50, 46 + m.name.length);
  v.setUint16(4, 20, true); // made by: MS-DOS, 2.0
  common(v, 6, m);
  v.setUint32(42, m.offset, true);
  out.set(m.name, 46);
  return out;
}

function endRecord(count: number, dirBytes: number, dirAt: number): Uint8Array {
  const { out, v } = header(0x06054b50, 22);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, dirBytes, true);
  v.setUint32(16, dirAt, true);
  return out;
}

/**
 * Writes a zip archive in memory: members stored, or deflated when `deflate` is set (as
 * `numpy.savez_compressed`), with CRC-32s and fixed timestamps. No ZIP64: the archive must stay
 * under 4 GiB and 65,535 members.
 * @throws ConfigError for duplicate or empty names, or an archive too large for classic zip.
 * @example const bytes = writeZip([{ name: 'x.npy', data }], { deflate: false });
 */
export function writeZip(inputs: readonly ZipInput[], o: { deflate: boolean }): Uint8Array {
  if (inputs.length > 0xffff) throw new ConfigError(`zip: ${inputs.length} members; at most 65535 without ZIP64`);
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  const members: Member[] = [];
  let offset = 0;
  for (const input of inputs) {
    if (input.name === '' || seen.has(input.name)) throw new ConfigError(`zip: member name ${JSON.stringify(input.name)} is empty or repeated`);
    seen.add(input.name);
    const body = o.deflate ? deflateRawSync(input.data) : input.data;
    const m: Member = {
      name: new TextEncoder().encode(input.name), utf8: /[^\x20-\x7e]/.test(input.name), method: o.deflate ? 8 : 0,
      crc: crc32(input.data), size: input.data.length, body, offset,
    };
    const local = localHeader(m);
    parts.push(local, body);
    members.push(m);
    offset += local.length + body.length;
    if (offset > LIMIT32) throw new ConfigError('zip: archive over 4 GiB; ZIP64 is not written');
  }
  const dir = members.map(centralHeader);
  const dirBytes = dir.reduce((s, d) => s + d.length, 0);
  parts.push(...dir, endRecord(members.length, dirBytes, offset));
  const out = new Uint8Array(offset + dirBytes + 22);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
