import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { createPropheseeDecoder } from '../../src/aedat/prophesee/PropheseeDecoder.js';
import { expectSameDecode } from '../helpers/facts.js';
import { dat } from './propheseeEncoders.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** CD records: times rising by small steps (with a wrap now and then) or anywhere; coordinates mostly in a 304×240 sensor. */
const records = fc.array(fc.tuple(
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) }, { weight: 1, arbitrary: u32 }),
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 303 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x3fff }) }),
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 239 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x3fff }) }),
  fc.integer({ min: 0, max: 15 }), // the polarity nibble: bit 28 is p, the others must be ignored
), { maxLength: 400, size: 'max' }).map((rs) => {
  let t = 0xfffff000; // starts near the wrap
  return rs.flatMap(([dt, x, y, nibble]) => {
    t = dt > 5000 ? dt : (t + dt) >>> 0;
    return [...le32(t), ...le32(((nibble << 28) | ((y & 0x3fff) << 14) | (x & 0x3fff)) >>> 0)];
  });
});
const le32 = (w: number): number[] => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24];

describe('DAT records in WebAssembly (lz4.wat dat)', () => {
  it('agrees with the JS reference with or without a header, any sensor, tail and chunking', () => {
    fc.assert(fc.property(
      records, fc.boolean(), fc.constantFrom(undefined, { width: 304, height: 240 }, { width: 10, height: 300 }),
      fc.integer({ min: 0, max: 7 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      (body, withHeader, sensor, tail, chunkOr0) => {
        const head = withHeader ? dat.header(['Date 2020-01-01 00:00:00', 'Version 2', 'Height 240', 'Width 304']) : [];
        const bytes = new Uint8Array([...head, ...body.slice(0, body.length - Math.min(tail, body.length))]);
        const chunk = chunkOr0 === 0 ? Math.max(1, bytes.length) : chunkOr0; // 0: the whole input at once
        const opts = { ...(withHeader ? {} : { encoding: 'dat' as const }), ...(sensor === undefined ? {} : { sensor }) };
        const js = decodeAll(createPropheseeDecoder({ ...opts, wasm: false }), bytes, chunk);
        const wasm = decodeAll(createPropheseeDecoder(opts), bytes, chunk);
        expectSameDecode(wasm, js, `${bytes.length} bytes in chunks of ${chunk}`);
      },
    ), { numRuns: 300 });
  });
});
