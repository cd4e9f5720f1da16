import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/aedat/core/ColumnBuilder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { createNmnistDecoder } from '../../src/aedat/nmnist/NmnistDecoder.js';
import { recordsViaWasm } from '../../src/aedat/aedat4/codecs/wasm/wasmRecords.js';
import { expectSameDecode } from '../helpers/facts.js';
import { FIXTURES } from '../helpers/samples.js';

const sensors = [undefined, { width: 34, height: 34 }, { width: 20, height: 250 }, { width: 256, height: 1 }];

/** A coordinate byte: mostly inside a 34×34 sensor (so whole 16-record SIMD groups occur), sometimes any. */
const coord = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 33 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) });
const byte = fc.integer({ min: 0, max: 255 });
/** Records with y = 240 (overflow markers) drawn now and then. */
const records = fc.array(
  fc.tuple(coord, fc.oneof({ weight: 30, arbitrary: coord }, { weight: 1, arbitrary: fc.constant(240) }), byte, byte, byte),
  { minLength: 0, maxLength: 600, size: 'max' },
).map((rs) => new Uint8Array(rs.flat()));

describe('N-MNIST records in WebAssembly (lz4.wat nbin)', () => {
  it('agrees with the JS reference for any records, sensor, tail and chunking', () => {
    fc.assert(fc.property(records, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...sensors), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 })), (bytes, tail, sensor, chunkOr0) => {
      const input = bytes.subarray(0, bytes.length - Math.min(tail, bytes.length));
      const chunk = chunkOr0 === 0 ? Math.max(1, input.length) : chunkOr0; // 0: the whole input at once
      const opts = sensor === undefined ? {} : { sensor };
      const js = decodeAll(createNmnistDecoder({ ...opts, wasm: false }), input, chunk);
      const wasm = decodeAll(createNmnistDecoder(opts), input, chunk);
      expectSameDecode(wasm, js, `${input.length} bytes, chunks of ${chunk}`);
    }), { numRuns: 300 });
  });

  it('is the path a whole file takes, with the same events as the JS loop', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'nmnist_sample.bin')));
    const out = new ColumnBuilder();
    const got = recordsViaWasm(bytes, 5, out, (k, src, n, col) => k.nbin(src, n, 34, 34, col, 0));
    expect(got).toEqual([4325, bytes.length / 5 - 4325]);
    const js = decodeAll(createNmnistDecoder({ sensor: { width: 34, height: 34 }, wasm: false }), bytes);
    expect(Buffer.from(out.t.buffer, 0, 8 * out.n).equals(Buffer.from(js.events.t.buffer, js.events.t.byteOffset, js.events.t.byteLength))).toBe(true);
    expect(Array.from(out.x.subarray(0, out.n))).toEqual(Array.from(js.events.x));
  });

  it('carries the overflow offset from one call to the next', () => {
    const overflow = [0, 240, 0, 0, 0];
    const event = [3, 4, 0x80 | 1, 2, 3]; // ON, t = 0x10203
    const first = new Uint8Array(Array.from({ length: 100 }, () => overflow).flat());
    const second = new Uint8Array(Array.from({ length: 100 }, () => event).flat());
    const dec = createNmnistDecoder();
    dec.push(first);
    const r = dec.push(second);
    expect(r.events.t[0]).toBe(100 * 8192 + 0x10203);
    expect(r.events.p[99]).toBe(1);
    expect(dec.skipped).toEqual({ overflow: 100 });
  });
});
