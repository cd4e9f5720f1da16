import { ConfigError, DecodeError, TruncatedInputError } from '../../errors.js';
import { type NpyData, type NpyDtype, dataOf, descrOf, dtypeBytes, parseDescr } from './npyDtype.js';
import { formatNpyHeader, parseNpyHeader } from './npyHeader.js';

/** An n-d array as stored in an `.npy` file, always in C (row-major) order once read. */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** `prod(shape)` elements, row-major; owned by the holder of this object. */
  readonly data: NpyData;
}

/** Limits of {@link decodeNpy}. */
export interface NpyLimits {
  /** Largest data section accepted, in bytes (default 1 GiB): nothing bigger is allocated. */
  readonly maxBytes?: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy's own default `max_header_size`: longer headers are refused unparsed. */
const MAX_HEADER_BYTES = 10_000;
/** Default {@link NpyLimits.maxBytes}. */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/**
 * Elements in `shape`, refusing anything over `maxElements` before it could overflow.
 * @throws DecodeError (format `npy`) when the shape holds more than `maxElements`.
 */
function elementsOf(shape: readonly number[], maxElements: number, offset: number): number {
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > maxElements) {
      throw new DecodeError('npy', offset, `a shape of at most ${maxElements} elements (maxBytes)`, `(${shape.join(', ')})`);
    }
  }
  return n;
}

/** Fortran (column-major) element order to C order, moving `itemBytes`-byte elements. */
function fortranToC(src: Uint8Array, shape: readonly number[], itemBytes: number): Uint8Array {
  const out = new Uint8Array(src.length);
  const n = shape.length;
  const stride: number[] = [];
  shape.reduce((s, d, k) => { stride[k] = s; return s * d; }, itemBytes);
  const idx = new Array<number>(n).fill(0);
  let from = 0;
  for (let to = 0; to < out.length; to += itemBytes) {
    for (let b = 0; b < itemBytes; b++) out[to + b] = src[from + b]!;
    for (let k = n - 1; k >= 0; k--) {
      idx[k]!++;
      from += stride[k]!;
      if (idx[k]! < shape[k]!) break;
      from -= stride[k]! * shape[k]!;
      idx[k] = 0;
    }
  }
  return out;
}

function headerText(bytes: Uint8Array): { text: string; dataAt: number; textAt: number } {
  if (bytes.length < 10) throw new TruncatedInputError('npy', bytes.length, 'a 10-byte preamble', `${bytes.length} bytes`);
  MAGIC.forEach((m, i) => {
    if (bytes[i] !== m) throw new DecodeError('npy', i, 'the magic \\x93NUMPY', `byte 0x${(bytes[i] ?? 0).toString(16)}`);
  });
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new DecodeError('npy', 6, 'format version 1, 2 or 3', `${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major > 1 && bytes.length < 12) throw new TruncatedInputError('npy', bytes.length, 'a 12-byte preamble', `${bytes.length} bytes`);
  const textAt = major === 1 ? 10 : 12;
  const len = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (len > MAX_HEADER_BYTES) throw new DecodeError('npy', 8, `a header of at most ${MAX_HEADER_BYTES} bytes`, `${len}`);
  if (textAt + len > bytes.length) throw new TruncatedInputError('npy', bytes.length, `a ${len}-byte header`, `${bytes.length - textAt} bytes`);
  const raw = bytes.subarray(textAt, textAt + len);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  return { text, textAt, dataAt: textAt + len };
}

/**
 * Decodes one `.npy` file (format 1.0–3.0): checks magic, version, header length (≤ 10,000
 * bytes, as numpy), the header dict, the dtype (little-endian only) and that the data section is
 * exactly `prod(shape)·itemsize` bytes (bools 0 or 1); Fortran-ordered data is reordered to C order.
 * Allocation is bounded by `maxBytes` (checked on the shape before anything is allocated).
 * @throws DecodeError (format `npy`, byte offset) for malformed content, TruncatedInputError when
 * the file is shorter than its header or shape says.
 * @example const { shape, data } = decodeNpy(bytes);
 */
export function decodeNpy(bytes: Uint8Array, limits: NpyLimits = {}): NpyArray {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const { text, textAt, dataAt } = headerText(bytes);
  if (!text.endsWith('\n')) throw new DecodeError('npy', dataAt - 1, 'the header to end with a newline', JSON.stringify(text.slice(-1)));
  const h = parseNpyHeader(text, textAt);
  const dtype = parseDescr(h.descr, textAt);
  const item = dtypeBytes(dtype);
  const size = elementsOf(h.shape, Math.floor(maxBytes / item), textAt) * item;
  const have = bytes.length - dataAt;
  if (have < size) throw new TruncatedInputError('npy', bytes.length, `${size} data bytes for shape (${h.shape.join(', ')})`, `${have}`);
  if (have > size) throw new DecodeError('npy', dataAt + size, `end of data for shape (${h.shape.join(', ')})`, `${have - size} extra bytes`);
  const body = bytes.subarray(dataAt);
  // new Uint8Array(view) copies into an exact-size buffer (a Buffer's slice() would be a view on its pool).
  const c = h.fortranOrder && h.shape.length > 1 ? fortranToC(body, h.shape, item) : new Uint8Array(body);
  const notBool = dtype === 'b1' ? c.findIndex((v) => v > 1) : -1;
  if (notBool >= 0) throw new DecodeError('npy', dataAt + notBool, 'a bool byte (0 or 1)', `${c[notBool]}`);
  return { dtype, shape: [...h.shape], data: dataOf(dtype, c.buffer as ArrayBuffer) };
}

/**
 * Encodes an array as `.npy` format 1.0 (C order, header padded to a multiple of 64 bytes).
 * @throws ConfigError when `data` does not hold `prod(shape)` elements or the header would
 * exceed format 1.0's 65,535 bytes.
 * @example const bytes = encodeNpy({ dtype: 'f4', shape: [2, 3], data: new Float32Array(6) });
 */
export function encodeNpy(a: NpyArray): Uint8Array {
  const n = a.shape.reduce((p, d) => p * d, 1);
  if (!a.shape.every((d) => Number.isSafeInteger(d) && d >= 0) || n !== a.data.length) {
    throw new ConfigError(`npy: shape (${a.shape.join(', ')}) does not match ${a.data.length} elements`);
  }
  const header = new TextEncoder().encode(formatNpyHeader({ descr: descrOf(a.dtype), fortranOrder: false, shape: a.shape }, 10));
  if (header.length > 0xffff) throw new ConfigError(`npy: header of ${header.length} bytes does not fit format 1.0`);
  const out = new Uint8Array(10 + header.length + a.data.byteLength);
  out.set(MAGIC);
  out.set([1, 0, header.length & 0xff, header.length >> 8], 6);
  out.set(header, 10);
  out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 10 + header.length);
  return out;
}
