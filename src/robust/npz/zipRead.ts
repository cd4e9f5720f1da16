import { crc32, inflateRawSync } from 'node:zlib';
import { DecodeError, TruncatedInputError } from '../../errors.js';

/** One member of a zip archive; its bytes are inflated only when read. */
export interface ZipEntry {
  readonly name: string;
  /** Uncompressed size in bytes, from the central directory. */
  readonly size: number;
  /**
   * The member's bytes, inflated and checked against the stored size and CRC-32 (a stored
   * member is returned as a view on the archive's bytes).
   * @throws DecodeError when the data is damaged.
   */
  read(): Uint8Array;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
const END_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
/** ZIP64 marks a 32-bit field whose value lives in the ZIP64 extra field (numpy forces these). */
const ZIP64 = 0xffffffff;

const fail = (offset: number, expected: string, got: string): never => {
  throw new DecodeError('zip', offset, expected, got);
};

function findEnd(v: DataView): number {
  if (v.byteLength < END_BYTES) throw new TruncatedInputError('zip', v.byteLength, 'an end-of-central-directory record', `${v.byteLength} bytes`);
  const stop = Math.max(0, v.byteLength - END_BYTES - 0xffff); // the comment is at most 65,535 bytes
  for (let at = v.byteLength - END_BYTES; at >= stop; at--) {
    if (v.getUint32(at, true) === SIG.end) return at;
  }
  return fail(v.byteLength - END_BYTES, 'an end-of-central-directory record (PK\\5\\6)', 'none (not a zip, or truncated)');
}

/** Reads the ZIP64 extra field (id 1): the 64-bit values of the fields marked 0xFFFFFFFF, in order. */
function zip64Values(v: DataView, from: number, to: number, wanted: number): number[] {
  for (let at = from; at + 4 <= to;) {
    const id = v.getUint16(at, true);
    const len = v.getUint16(at + 2, true);
    if (at + 4 + len > to) break;
    if (id === 1) {
      if (len < 8 * wanted) fail(at, `a ZIP64 extra field of ${8 * wanted} bytes`, `${len}`);
      return Array.from({ length: wanted }, (_, i) => {
        const x = v.getBigUint64(at + 4 + 8 * i, true);
        return x > BigInt(Number.MAX_SAFE_INTEGER) ? fail(at, 'a 53-bit size', x.toString()) : Number(x);
      });
    }
    at += 4 + len;
  }
  return fail(from, 'a ZIP64 extra field', 'none');
}

interface CentralRecord { name: string; method: number; crc: number; packed: number; size: number; local: number; next: number }

function centralRecord(v: DataView, bytes: Uint8Array, at: number, end: number): CentralRecord {
  if (at + CENTRAL_BYTES > end || v.getUint32(at, true) !== SIG.central) fail(at, 'a central directory header (PK\\1\\2)', 'other bytes');
  const flags = v.getUint16(at + 8, true);
  if (flags & 1) fail(at + 8, 'an unencrypted member', 'the encryption flag');
  const nameLen = v.getUint16(at + 28, true);
  const extraLen = v.getUint16(at + 30, true);
  const next = at + CENTRAL_BYTES + nameLen + extraLen + v.getUint16(at + 32, true);
  if (next > end) fail(at, 'a central record inside the directory', `one ending at ${next}`);
  const nameAt = at + CENTRAL_BYTES;
  const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(nameAt, nameAt + nameLen));
  const fields = [v.getUint32(at + 24, true), v.getUint32(at + 20, true), v.getUint32(at + 42, true)]; // size, packed, local
  const marked = fields.filter((f) => f === ZIP64).length;
  const wide = marked > 0 ? zip64Values(v, nameAt + nameLen, nameAt + nameLen + extraLen, marked) : [];
  const [size, packed, local] = fields.map((f) => (f === ZIP64 ? wide.shift()! : f)) as [number, number, number];
  return { name, method: v.getUint16(at + 10, true), crc: v.getUint32(at + 16, true), packed, size, local, next };
}

function entryOf(v: DataView, bytes: Uint8Array, r: CentralRecord, dataEnd: number, maxBytes: number): ZipEntry {
  if (r.method !== 0 && r.method !== 8) fail(r.local, `${r.name}: compression 0 (stored) or 8 (deflate)`, `${r.method}`);
  if (r.size > maxBytes) fail(r.local, `${r.name}: at most ${maxBytes} bytes (maxBytes)`, `${r.size}`);
  if (r.local + LOCAL_BYTES > dataEnd || v.getUint32(r.local, true) !== SIG.local) fail(r.local, `${r.name}: a local header (PK\\3\\4)`, 'other bytes');
  const start = r.local + LOCAL_BYTES + v.getUint16(r.local + 26, true) + v.getUint16(r.local + 28, true);
  if (start + r.packed > dataEnd) throw new TruncatedInputError('zip', dataEnd, `${r.name}: ${r.packed} bytes of data`, `${Math.max(0, dataEnd - start)}`);
  const read = (): Uint8Array => {
    const raw = bytes.subarray(start, start + r.packed);
    let out: Uint8Array;
    if (r.method === 0) {
      out = r.packed === r.size ? raw : fail(start, `${r.name}: stored size ${r.size}`, `${r.packed}`);
    } else {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, r.size) });
      } catch (err) {
        return fail(start, `${r.name}: deflate data of ${r.size} bytes`, (err as Error).message);
      }
    }
    if (out.length !== r.size) fail(start, `${r.name}: ${r.size} bytes`, `${out.length}`);
    if (crc32(out) !== r.crc) fail(start, `${r.name}: CRC-32 ${r.crc.toString(16)}`, crc32(out).toString(16));
    return out;
  };
  return { name: r.name, size: r.size, read };
}

/**
 * Lists the members of an in-memory zip archive from its central directory (stored or deflated
 * members, ZIP64 size fields as numpy writes them). Nothing is inflated until `read()`; members
 * larger than `maxBytes` are refused before any allocation.
 * @throws DecodeError (format `zip`) for a missing/damaged directory, encryption, other
 * compression methods, a ZIP64 end record or duplicate names; TruncatedInputError for cut data.
 * @example for (const e of readZip(bytes)) console.log(e.name, e.size);
 */
export function readZip(bytes: Uint8Array, maxBytes: number): ZipEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(v);
  const count = v.getUint16(end + 10, true);
  const dirBytes = v.getUint32(end + 12, true);
  const dirAt = v.getUint32(end + 16, true);
  if (count === 0xffff || dirAt === ZIP64) fail(end, 'a classic end record (ZIP64 archives over 4 GiB are not read)', 'ZIP64 markers');
  if (v.getUint16(end + 4, true) !== 0 || v.getUint16(end + 6, true) !== 0) fail(end + 4, 'a single-disk archive', 'a multi-disk one');
  if (dirAt + dirBytes > end) fail(end + 16, `a central directory before byte ${end}`, `${dirAt}+${dirBytes}`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  for (let i = 0, at = dirAt; i < count; i++) {
    const r = centralRecord(v, bytes, at, dirAt + dirBytes);
    if (names.has(r.name)) fail(at, 'unique member names', r.name);
    names.add(r.name);
    entries.push(entryOf(v, bytes, r, dirAt, maxBytes));
    at = r.next;
  }
  return entries;
}
