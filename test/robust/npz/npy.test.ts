import { describe, expect, it } from 'vitest';
import { DecodeError, TruncatedInputError, ConfigError } from '../../../src/errors.js';
import { decodeNpy, encodeNpy } from '../../../src/robust/npz/npy.js';
import { formatNpyHeader, parseNpyHeader } from '../../../src/robust/npz/npyHeader.js';

/** An .npy with a hand-written header (padding not enforced on read). */
function npyWith(header: string, body: Uint8Array, version = 1): Uint8Array {
  const h = new TextEncoder().encode(header);
  const pre = version === 1 ? [0x93, 78, 85, 77, 80, 89, 1, 0, h.length & 0xff, h.length >> 8]
    : [0x93, 78, 85, 77, 80, 89, version, 0, h.length & 0xff, (h.length >> 8) & 0xff, 0, 0];
  const out = new Uint8Array(pre.length + h.length + body.length);
  out.set(pre);
  out.set(h, pre.length);
  out.set(body, pre.length + h.length);
  return out;
}

describe('npy header', () => {
  it('parses what numpy writes, 1-tuples, 0-d and spaces', () => {
    expect(parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }       \n", 10))
      .toEqual({ descr: '<f4', fortranOrder: false, shape: [3] });
    expect(parseNpyHeader('{"shape": (), "fortran_order": True, "descr": "|u1"}\n', 10).shape).toEqual([]);
    expect(parseNpyHeader("{'descr':'<i8','fortran_order':False,'shape':(2, 3, 4)}", 10).shape).toEqual([2, 3, 4]);
  });

  it('pads the header to 64 bytes with a final newline', () => {
    for (const shape of [[], [1], [100, 34, 34, 2]]) {
      const text = formatNpyHeader({ descr: '<f4', fortranOrder: false, shape }, 10);
      expect((10 + text.length) % 64).toBe(0);
      expect(text.endsWith('\n')).toBe(true);
      expect(parseNpyHeader(text, 10).shape).toEqual(shape);
    }
  });

  it.each([
    ["{'descr': '<f4', 'fortran_order': False}", 'missing shape'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}", 'extra key'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (3)}", 'int, not tuple'],
    ["{'descr': '<f4', 'fortran_order': 0, 'shape': (3,)}", 'int for bool'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (-3,)}", 'negative dim'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} junk", 'trailing text'],
    ["{'descr': __import__('os'), 'fortran_order': False, 'shape': (3,)}", 'code'],
    ["{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3,)}", 'duplicate key'],
    [`{'descr': '<f4', 'fortran_order': False, 'shape': (${'1, '.repeat(65)})}`, 'too many dims'],
  ])('refuses %s (%s) with a DecodeError', (text) => {
    expect(() => parseNpyHeader(text, 10)).toThrow(DecodeError);
  });
});

describe('decodeNpy / encodeNpy', () => {
  it('round-trips every dtype', () => {
    const arrays = [
      { dtype: 'f4', shape: [2, 3], data: Float32Array.of(1, 2.5, -3, 0, 1e-7, 6) },
      { dtype: 'f8', shape: [2], data: Float64Array.of(Math.PI, -0) },
      { dtype: 'u1', shape: [1, 1, 3], data: Uint8Array.of(0, 1, 255) },
      { dtype: 'b1', shape: [3], data: Uint8Array.of(0, 1, 1) },
      { dtype: 'i2', shape: [2], data: Int16Array.of(-5, 300) },
      { dtype: 'i8', shape: [2], data: BigInt64Array.of(-1n, 9007199254740993n) },
      { dtype: 'u4', shape: [], data: Uint32Array.of(7) },
      { dtype: 'f4', shape: [0, 5], data: new Float32Array(0) },
    ] as const;
    for (const a of arrays) {
      const bytes = encodeNpy(a);
      expect((bytes.length - a.data.byteLength) % 64).toBe(0);
      expect(decodeNpy(bytes)).toEqual({ dtype: a.dtype, shape: [...a.shape], data: a.data });
    }
  });

  it('reorders Fortran data to C order and reads versions 2 and 3', () => {
    // C order of [[1,2,3],[4,5,6]] is 1..6; Fortran order stores columns: 1,4,2,5,3,6.
    const f = new Uint8Array(Int16Array.of(1, 4, 2, 5, 3, 6).buffer);
    const header = "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }\n";
    expect(decodeNpy(npyWith(header, f)).data).toEqual(Int16Array.of(1, 2, 3, 4, 5, 6));
    expect(decodeNpy(npyWith(header, f, 2)).data).toEqual(Int16Array.of(1, 2, 3, 4, 5, 6));
    expect(decodeNpy(npyWith(header, f, 3)).shape).toEqual([2, 3]);
    const f3 = new Uint8Array(24).map((_, i) => i); // shape (2,3,4) u1, Fortran: element (i,j,k) at i + 2j + 6k
    const c = decodeNpy(npyWith("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3, 4), }\n", f3)).data;
    expect(c[1 * 12 + 2 * 4 + 3]).toBe(1 + 2 * 2 + 6 * 3);
  });

  it('refuses hostile files with typed errors, before allocating', () => {
    const good = encodeNpy({ dtype: 'f4', shape: [4], data: new Float32Array(4) });
    const cases: [Uint8Array, typeof DecodeError][] = [
      [good.subarray(0, 5), TruncatedInputError],
      [good.subarray(0, good.length - 1), TruncatedInputError],
      [Uint8Array.from([...good, 0]), DecodeError],
      [Uint8Array.from(good, (b, i) => (i === 1 ? 0 : b)), DecodeError], // magic
      [Uint8Array.from(good, (b, i) => (i === 6 ? 9 : b)), DecodeError], // version
      [Uint8Array.from(good, (b, i) => (i === 9 ? 0xff : b)), DecodeError], // 65 KB header > 10,000
      [npyWith("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", new Uint8Array(4)), DecodeError],
      [npyWith("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }\n", new Uint8Array(8)), DecodeError],
      [npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)), DecodeError], // no newline
      [npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n", new Uint8Array(4)), TruncatedInputError],
      [npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999, 99999999, 99999999), }\n", new Uint8Array(4)), DecodeError],
      [npyWith("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }\n", Uint8Array.of(1, 7)), DecodeError],
    ];
    for (const [bytes, type] of cases) expect(() => decodeNpy(bytes)).toThrow(type);
    expect(() => decodeNpy(good, { maxBytes: 15 })).toThrow(/at most 3 elements/);
  });

  it('refuses to encode data that does not fit the shape', () => {
    expect(() => encodeNpy({ dtype: 'f4', shape: [3], data: new Float32Array(4) })).toThrow(ConfigError);
  });
});
