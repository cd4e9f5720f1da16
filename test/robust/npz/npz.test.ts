import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigError, DecodeError, TruncatedInputError } from '../../../src/errors.js';
import { encodeNpz, openNpz } from '../../../src/robust/npz/npz.js';
import { encodeSpikeNpz, readSpikeNpz } from '../../../src/robust/npz/spikeNpz.js';
import { writeZip } from '../../../src/robust/npz/zipWrite.js';
import { encodeNpy } from '../../../src/robust/npz/npy.js';

const set = {
  x: Float32Array.from({ length: 3 * 2 * 2 * 2 * 2 }, (_, i) => i % 3),
  shape: [3, 2, 2, 2, 2] as const,
  labels: Int32Array.of(4, 0, 9),
};

/** Offset of the first occurrence of a 4-byte little-endian signature. */
function findSig(bytes: Uint8Array, sig: number): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i++) if (v.getUint32(i, true) === sig) return i;
  return -1;
}

describe('npz', () => {
  it('round-trips a spike set, stored and deflated', () => {
    for (const compress of [false, true]) {
      const bytes = encodeSpikeNpz(set, { compress });
      expect(openNpz(bytes).names).toEqual(['x', 'y']);
      expect(readSpikeNpz(bytes)).toEqual({ x: set.x, shape: [...set.shape], labels: set.labels });
    }
  });

  it('converts uint8/bool data and int labels, under custom keys', () => {
    const bytes = encodeNpz([
      ['data', { dtype: 'b1', shape: [1, 1, 1, 1, 2], data: Uint8Array.of(0, 1) }],
      ['labels', { dtype: 'u1', shape: [1], data: Uint8Array.of(7) }],
    ]);
    const r = readSpikeNpz(bytes, { dataKey: 'data', labelsKey: 'labels' });
    expect(r.x).toEqual(Float32Array.of(0, 1));
    expect(r.labels).toEqual(Int32Array.of(7));
    expect(() => readSpikeNpz(bytes)).toThrow(/no array "x"; it holds data, labels/);
  });

  it('refuses spike sets of the wrong rank, channels, label count or values', () => {
    const npz = (x: Parameters<typeof encodeNpy>[0], y: Parameters<typeof encodeNpy>[0]): Uint8Array => encodeNpz([['x', x], ['y', y]]);
    const labels1 = { dtype: 'i8', shape: [1], data: BigInt64Array.of(1n) } as const;
    const x5 = (data: Float32Array) => ({ dtype: 'f4', shape: [1, 1, 1, 1, 2], data }) as const;
    expect(() => readSpikeNpz(npz({ dtype: 'f4', shape: [1, 2], data: new Float32Array(2) }, labels1))).toThrow(/shape \[N, T, H, W, 2\]/);
    expect(() => readSpikeNpz(npz({ dtype: 'f4', shape: [1, 1, 1, 1, 3], data: new Float32Array(3) }, labels1))).toThrow(DecodeError);
    expect(() => readSpikeNpz(npz(x5(new Float32Array(2)), { dtype: 'i8', shape: [2], data: BigInt64Array.of(1n, 2n) }))).toThrow(/shape \[1\]/);
    expect(() => readSpikeNpz(npz(x5(Float32Array.of(0, NaN)), labels1))).toThrow(/finite/);
    expect(() => readSpikeNpz(npz(x5(new Float32Array(2)), { dtype: 'i8', shape: [1], data: BigInt64Array.of(-1n) }))).toThrow(/labels in/);
    expect(() => readSpikeNpz(npz(x5(new Float32Array(2)), { dtype: 'f4', shape: [1], data: Float32Array.of(1) }))).toThrow(/integer dtype/);
    expect(() => encodeSpikeNpz({ ...set, labels: Int32Array.of(1) })).toThrow(ConfigError);
  });

  it('refuses hostile archives with typed errors', () => {
    const good = encodeSpikeNpz(set);
    const flip = (at: number, value: number): Uint8Array => Uint8Array.from(good, (b, i) => (i === at ? value : b));
    const central = findSig(good, 0x02014b50);
    const cases: [Uint8Array, typeof DecodeError][] = [
      [good.subarray(0, 10), TruncatedInputError],
      [good.subarray(0, good.length - 30), DecodeError], // end record cut
      [new Uint8Array(200), DecodeError], // not a zip
      [flip(40, good[40]! ^ 0xff), DecodeError], // data byte → CRC mismatch
      [flip(0, 0), DecodeError], // local header magic
      [flip(central + 10, 12), DecodeError], // compression method 12 (bzip2)
      [flip(central + 8, 1), DecodeError], // encrypted
      [writeZip([{ name: 'x.txt', data: new Uint8Array(3) }], { deflate: false }), DecodeError],
    ];
    for (const [bytes, type] of cases) expect(() => openNpz(bytes).get('x')).toThrow(type);
  });

  it('stops a deflate bomb at the declared size and refuses members over maxBytes unread', () => {
    const npy = encodeNpy({ dtype: 'u1', shape: [1 << 20], data: new Uint8Array(1 << 20) });
    const small = writeZip([{ name: 'x.npy', data: npy }], { deflate: true });
    expect(() => openNpz(small, { maxBytes: 1000 })).toThrow(/at most/);
    // Declare 100 bytes but deflate 1 MiB: inflation stops at the declared size.
    const lying = small.slice();
    const v = new DataView(lying.buffer);
    const central = findSig(lying, 0x02014b50);
    v.setUint32(central + 24, 100, true);
    expect(() => openNpz(lying).get('x')).toThrow(DecodeError);
    const bomb = deflateRawSync(new Uint8Array(1 << 20));
    expect(bomb.length).toBeLessThan(2000);
    // A deflate stream cut short (its declared packed size shrunk) is a DecodeError, not a crash.
    const cut = small.slice();
    new DataView(cut.buffer).setUint32(central + 20, 10, true);
    expect(() => openNpz(cut).get('x')).toThrow(DecodeError);
  });

  it('refuses to write repeated names', () => {
    const a = { dtype: 'u1', shape: [1], data: Uint8Array.of(1) } as const;
    expect(() => encodeNpz([['a', a], ['a', a]])).toThrow(ConfigError);
  });
});
