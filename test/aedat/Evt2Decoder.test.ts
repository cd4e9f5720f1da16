import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPropheseeDecoder } from '../../src/aedat/prophesee/PropheseeDecoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { expectChunkingInvariant, expectFacts, expectSameDecode } from '../helpers/facts.js';
import { evt2, rawHeader, wordTypes } from './propheseeEncoders.js';

const bytesOf = (...parts: number[][]) => new Uint8Array(parts.flat());
const decode = (bytes: Uint8Array, chunk?: number) => decodeAll(createPropheseeDecoder(), bytes, chunk);
const events = (r: ReturnType<typeof decode>) =>
  Array.from(r.events.t, (t, i) => [t, r.events.x[i], r.events.y[i], r.events.p[i]]);

describe('EVT 2.0 decoding', () => {
  it('decodes CD words at (time high << 6) | ts_low with raw x, y and polarity', () => {
    const r = decode(bytesOf(rawHeader('2.0'), evt2.timeHigh(1000), evt2.cd(5, 7, 1, 3), evt2.cd(639, 479, 0, 63),
      evt2.timeHigh(1001), evt2.cd(0, 0, 0, 0)));
    expect(events(r)).toEqual([[64003, 5, 7, 1], [64063, 639, 479, 0], [64064, 0, 0, 0]]);
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({});
    expect(r.header?.format).toBe('evt2');
  });

  it('skips and counts words before the first TIME_HIGH (OpenEB)', () => {
    const r = decode(bytesOf(rawHeader('2.0'), evt2.cd(1, 1, 1, 1), evt2.raw(0xe), evt2.timeHigh(2),
      evt2.cd(2, 2, 0, 1)));
    expect(events(r)).toEqual([[129, 2, 2, 0]]);
    expect(r.skipped).toEqual({ before_time_high: 2 });
  });

  it('counts IMU, OTHERS, CONTINUED, unknown types and out-of-bounds events', () => {
    const r = decode(bytesOf(rawHeader('2.0'), evt2.timeHigh(0), evt2.raw(0xd), ...Array(5).fill(evt2.raw(0xf)),
      evt2.raw(0xe), evt2.raw(0x5), evt2.raw(0x5),
      evt2.cd(640, 0, 1, 0), evt2.cd(0, 480, 1, 0), evt2.cd(2047, 2047, 0, 0)));
    expect(r.events.t.length).toBe(0);
    expect(r.skipped).toEqual({ imu: 1, continued: 5, others: 1, unknown_type_5: 2, out_of_bounds: 3 });
  });

  it('emits external triggers with type = channel id and value = edge, at base + ts_low', () => {
    const r = decode(bytesOf(rawHeader('2.0'), evt2.timeHigh(10), evt2.trigger(1, 31, 5), evt2.trigger(0, 2, 6)));
    expect(r.triggers).toEqual([{ streamId: 0, t: 645, type: 31, value: 1 }, { streamId: 0, t: 646, type: 2, value: 0 }]);
  });

  it('detects a 34-bit time loop only on a big backward TIME_HIGH step', () => {
    const max = 2 ** 28 - 1;
    const r = decode(bytesOf(rawHeader('2.0'), evt2.timeHigh(max), evt2.cd(1, 1, 1, 0), evt2.timeHigh(0),
      evt2.cd(1, 1, 1, 0), evt2.timeHigh(5), evt2.timeHigh(3), evt2.cd(1, 1, 1, 1)));
    const loop = 2 ** 34;
    // A small step back (5 -> 3) is not a loop: the time follows the words.
    expect(Array.from(r.events.t)).toEqual([max * 64, loop, loop + 3 * 64 + 1]);
  });

  it('reports a trailing partial word as truncated after delivering every whole event', () => {
    const whole = bytesOf(rawHeader('2.0'), evt2.timeHigh(1), evt2.cd(1, 2, 1, 0));
    for (let cut = 1; cut < 4; cut++) {
      const r = decode(bytesOf(Array.from(whole), evt2.cd(3, 3, 1, 0).slice(0, cut)));
      expect(r.events.t.length).toBe(1);
      expect(r.error).toBeInstanceOf(TruncatedInputError);
      expect(r.error?.offsetBytes).toBe(whole.length);
      expect(r.error?.format).toBe('evt2');
    }
  });

  it('gives identical output for any chunking (property)', () => {
    const word = fc.oneof(
      fc.tuple(fc.nat(700), fc.nat(500), fc.nat(1), fc.nat(63)).map(([x, y, p, l]) => evt2.cd(x, y, p, l)),
      fc.nat(2 ** 28 - 1).map((h) => evt2.timeHigh(h)),
      fc.tuple(fc.nat(1), fc.nat(31), fc.nat(63)).map(([v, id, l]) => evt2.trigger(v, id, l)),
      fc.nat(15).map((type) => evt2.raw(type, 12345)),
    );
    fc.assert(fc.property(fc.array(word, { maxLength: 60 }), fc.nat(3), fc.integer({ min: 1, max: 23 }),
      (words, extra, size) => {
        const bytes = bytesOf(rawHeader('2.0'), ...words, Array(extra).fill(0));
        const whole = decode(bytes);
        expectSameDecode(decode(bytes, size), whole, `chunk ${size}`);
      }));
  });
});

describe.skipIf(!HAVE_SHARED)('EVT 2.0 on evt2_gen3_640x480_expelliarmus.raw', () => {
  const file = () => sharedSample('evt2_gen3_640x480_expelliarmus.raw');

  it('matches the SOURCES.md facts, for several chunkings', () => {
    const r = expectChunkingInvariant(() => createPropheseeDecoder(), file(), [4093, 65536]);
    expectFacts(r.events, {
      events: 539481,
      first5: [[1317888, 237, 121, 1], [1317888, 246, 121, 1], [1317888, 248, 132, 1],
        [1317888, 239, 133, 1], [1317888, 256, 134, 1]],
      last: [1367888, 210, 142, 1],
      tRange: [1317888, 1367888], xRange: [60, 599], yRange: [18, 475], on: 367855, off: 171626, monotonic: true,
    });
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({}); // no IMU/OTHERS/CONTINUED words, first word is a TIME_HIGH
    expect(r.triggers).toEqual([]);
    expect(r.header).toMatchObject({ format: 'evt2', width: 640, height: 480, headerBytes: 164 });
    expect(r.header?.metadata).toEqual({
      Date: '2020-09-14 09:03:25', firmware_version: '2.0.2', integrator_name: 'Prophesee',
      plugin_name: 'hal_plugin_gen3_fx3', serial_number: '30384338', system_ID: '21', evt: '2.0',
    });
    expect(r.events.width).toBe(640);
  });

  it('has the word-type counts of SOURCES.md', () => {
    const counts = wordTypes(file().subarray(164), 4);
    expect([counts[0], counts[1], counts[8]]).toEqual([171626, 367855, 3126]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(542607);
  });

  it('decodes a prefix identically in 1-, 3- and 7-byte chunks', () => {
    expectChunkingInvariant(() => createPropheseeDecoder(), file().subarray(0, 6001), [1, 3, 7]);
  });
});
