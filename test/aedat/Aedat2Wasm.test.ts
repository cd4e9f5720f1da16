import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createAedat2Decoder } from '../../src/aedat/aedat2/Aedat2Decoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { concatBytes } from '../helpers/bytes.js';
import { expectSameDecode } from '../helpers/facts.js';

const byte = fc.integer({ min: 0, max: 255 });
/** A record: mostly an in-sensor DVS128 or DAVIS event, sometimes any 8 bytes (IMU, APS, external, outside). */
const record = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(byte, byte, byte, byte, byte, byte, byte, byte).map((b) => b) },
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 0xffffffff })).map(([x, y, p, t]) => {
    const a = (y << 8) | (x << 1) | p; // DVS128 layout
    return [0, 0, a >> 8, a & 0xff, t >>> 24, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff];
  }) },
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 345 }), fc.integer({ min: 0, max: 259 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 0xffffffff })).map(([x, y, p, t]) => {
    const a = ((y << 22) | (x << 12) | (p << 11)) >>> 0; // DAVIS layout
    return [a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, t >>> 24, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff];
  }) },
);
const records = fc.array(record, { maxLength: 400, size: 'max' }).map((rs) => new Uint8Array(rs.flat()));
const HEADER = new TextEncoder().encode('#!AER-DAT2.0\r\n# a header line\r\n');

describe('AEDAT 2.0 records in WebAssembly (lz4.wat aedat2)', () => {
  it('agrees with the JS reference for either layout, any sensor, tail and chunking', () => {
    fc.assert(fc.property(
      records, fc.constantFrom('dvs128', 'davis') as fc.Arbitrary<'dvs128' | 'davis'>,
      fc.constantFrom({ width: 128, height: 128 }, { width: 346, height: 260 }, { width: 100, height: 50 }, { width: 1, height: 1 }),
      fc.integer({ min: 0, max: 7 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      (body, chip, sensor, tail, chunkOr0) => {
        const input = concatBytes([HEADER, body.subarray(0, body.length - Math.min(tail, body.length))]);
        const chunk = chunkOr0 === 0 ? input.length : chunkOr0; // 0: the whole input at once
        const js = decodeAll(createAedat2Decoder({ chip, sensor, wasm: false }), input, chunk);
        const wasm = decodeAll(createAedat2Decoder({ chip, sensor }), input, chunk);
        expectSameDecode(wasm, js, `${chip} ${sensor.width}×${sensor.height}, ${input.length} bytes in chunks of ${chunk}`);
      },
    ), { numRuns: 300 });
  });
});
