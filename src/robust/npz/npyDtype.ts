import { DecodeError } from '../../errors.js';

/** Element types of the `.npy` files we read and write (all little-endian; `b1` is numpy bool). */
export type NpyDtype = 'b1' | 'u1' | 'i1' | 'u2' | 'i2' | 'u4' | 'i4' | 'u8' | 'i8' | 'f4' | 'f8';

/** The typed array that holds each {@link NpyDtype} (bool as 0/1 bytes, 64-bit ints as bigint arrays). */
export type NpyData =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array
  | BigUint64Array | BigInt64Array | Float32Array | Float64Array;

interface DtypeInfo {
  readonly bytes: number;
  readonly make: (buffer: ArrayBuffer) => NpyData;
}

const DTYPES: Readonly<Record<NpyDtype, DtypeInfo>> = {
  b1: { bytes: 1, make: (b) => new Uint8Array(b) },
  u1: { bytes: 1, make: (b) => new Uint8Array(b) },
  i1: { bytes: 1, make: (b) => new Int8Array(b) },
  u2: { bytes: 2, make: (b) => new Uint16Array(b) },
  i2: { bytes: 2, make: (b) => new Int16Array(b) },
  u4: { bytes: 4, make: (b) => new Uint32Array(b) },
  i4: { bytes: 4, make: (b) => new Int32Array(b) },
  u8: { bytes: 8, make: (b) => new BigUint64Array(b) },
  i8: { bytes: 8, make: (b) => new BigInt64Array(b) },
  f4: { bytes: 4, make: (b) => new Float32Array(b) },
  f8: { bytes: 8, make: (b) => new Float64Array(b) },
};

/** Bytes per element of `d`. */
export function dtypeBytes(d: NpyDtype): number {
  return DTYPES[d].bytes;
}

/** A typed array of `d` over `buffer` (whose length must be a multiple of the element size). */
export function dataOf(d: NpyDtype, buffer: ArrayBuffer): NpyData {
  return DTYPES[d].make(buffer);
}

/** The numpy `descr` string of `d` (`'<f4'`, `'|u1'`, …). */
export function descrOf(d: NpyDtype): string {
  return `${DTYPES[d].bytes === 1 ? '|' : '<'}${d}`;
}

/**
 * The dtype of a numpy `descr`. Multi-byte types must be little-endian (`<`); one-byte types may
 * carry any byte-order mark.
 * @throws DecodeError (format `npy`, at `offset`) for big-endian or unsupported types.
 */
export function parseDescr(descr: string, offset: number): NpyDtype {
  const m = /^([<>|=])([a-z]\d)$/.exec(descr);
  const d = m?.[2];
  if (m === null || d === undefined || !(d in DTYPES)) {
    throw new DecodeError('npy', offset, `descr one of ${Object.keys(DTYPES).join(', ')} (little-endian)`, JSON.stringify(descr));
  }
  const dtype = d as NpyDtype;
  if (DTYPES[dtype].bytes > 1 && m[1] !== '<') {
    throw new DecodeError('npy', offset, 'a little-endian descr (<)', JSON.stringify(descr));
  }
  return dtype;
}
