import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPropheseeDecoder } from '../../src/aedat/prophesee/PropheseeDecoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { expectChunkingInvariant, expectFacts, expectSameDecode } from '../helpers/facts.js';
import { evt3, rawHeader, wordTypes } from './propheseeEncoders.js';

const HD = 'hal_plugin_gen41_evk3';
const stream = (...parts: number[][]) => new Uint8Array([...rawHeader('3.0', HD), ...parts.flat()]);
const decode = (bytes: Uint8Array, chunk?: number) => decodeAll(createPropheseeDecoder(), bytes, chunk);
const events = (r: ReturnType<typeof decode>) =>
  Array.from(r.events.t, (t, i) => [t, r.events.x[i], r.events.y[i], r.events.p[i]]);

describe('EVT 3.0 decoding', () => {
  it('emits ADDR_X events and VECT_12 / VECT_8 bits with the current y, polarity and time', () => {
    const r = decode(stream(evt3.time(5 * 4096 + 7), evt3.addrY(3), evt3.addrX(10, 1),
      evt3.vectBaseX(100, 0), evt3.vect12(0b100000000101), evt3.vect8(0b10000001), evt3.vect12(1)));
    expect(events(r)).toEqual([
      [20487, 10, 3, 1], [20487, 100, 3, 0], [20487, 102, 3, 0], [20487, 111, 3, 0],
      [20487, 112, 3, 0], [20487, 119, 3, 0], [20487, 120, 3, 0],
    ]);
    expect(r.skipped).toEqual({});
    expect(r.header).toMatchObject({ format: 'evt3', width: 1280, height: 720 });
  });

  it('never infers a time-high increment from a decreasing TIME_LOW', () => {
    const r = decode(stream(evt3.time(2 * 4096 + 619), evt3.addrY(1), evt3.addrX(1, 1),
      evt3.timeLow(608), evt3.addrX(2, 1), evt3.timeLow(0), evt3.addrX(3, 1)));
    expect(Array.from(r.events.t)).toEqual([2 * 4096 + 619, 2 * 4096 + 608, 2 * 4096]);
  });

  it('sets the time to the new base on TIME_HIGH and detects the 24-bit loop like OpenEB', () => {
    const loop = 2 ** 24;
    const r = decode(stream(evt3.time(4095 * 4096 + 4000), evt3.addrY(0), evt3.addrX(0, 0),
      evt3.timeHigh(0), evt3.addrX(1, 0), evt3.timeLow(9), evt3.addrX(2, 0),
      evt3.timeHigh(5), evt3.timeHigh(3), evt3.addrX(3, 0)));
    // 4095 -> 0 is a loop; 5 -> 3 is a small step back, not a loop.
    expect(Array.from(r.events.t)).toEqual([4095 * 4096 + 4000, loop, loop + 9, loop + 3 * 4096]);
  });

  it('skips words before the first TIME_HIGH, and counts non-CD words', () => {
    const r = decode(stream(evt3.addrY(1), evt3.addrX(1, 1), evt3.time(100), evt3.addrY(2),
      evt3.raw(0x7), evt3.raw(0xf), evt3.raw(0xd), evt3.raw(0xe), evt3.raw(0x9), evt3.addrX(5, 0)));
    expect(events(r)).toEqual([[100, 5, 2, 0]]);
    expect(r.skipped).toEqual({ before_time_high: 2, continued: 2, imu: 1, others: 1, unknown_type_9: 1 });
  });

  it('does not emit EM events (after EM_Y) until the next ADDR_Y', () => {
    const r = decode(stream(evt3.time(1), evt3.emAddrY(4), evt3.addrX(1, 1), evt3.vectBaseX(0, 1), evt3.vect8(0xff),
      evt3.addrY(4), evt3.addrX(2, 1)));
    expect(events(r)).toEqual([[1, 2, 4, 1]]);
    expect(r.skipped).toEqual({ em_addr_y: 1, em: 2 });
  });

  it('counts events outside the sensor (camera model 1280x720) as out_of_bounds', () => {
    const r = decode(stream(evt3.time(1), evt3.addrY(719), evt3.vectBaseX(1276, 1), evt3.vect8(0xff),
      evt3.addrY(720), evt3.addrX(0, 1)));
    expect(Array.from(r.events.x)).toEqual([1276, 1277, 1278, 1279]);
    expect(r.skipped).toEqual({ out_of_bounds: 5 });
  });

  it('emits triggers at the current time with type = id and value = edge', () => {
    const r = decode(stream(evt3.time(4096 + 5), evt3.trigger(1, 15), evt3.timeLow(6), evt3.trigger(0, 0)));
    expect(r.triggers).toEqual([
      { streamId: 0, t: 4101, type: 15, value: 1 }, { streamId: 0, t: 4102, type: 0, value: 0 },
    ]);
  });

  it('keeps registers across chunk boundaries (every split of a vector sequence)', () => {
    const bytes = stream(evt3.time(77), evt3.addrY(9), evt3.vectBaseX(20, 1), evt3.vect12(0xfff), evt3.vect8(0x81));
    const whole = decode(bytes);
    expect(whole.events.t.length).toBe(14);
    for (const size of [1, 2, 3, 5]) expectSameDecode(decode(bytes, size), whole, `chunk ${size}`);
  });

  it('reports an odd trailing byte as truncated, with its offset', () => {
    const good = stream(evt3.time(1), evt3.addrY(1), evt3.addrX(1, 1));
    const r = decode(new Uint8Array([...good, 0x20]));
    expect(r.events.t.length).toBe(1);
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(good.length);
  });

  it('gives identical output for any chunking (property)', () => {
    const word = fc.tuple(fc.nat(15), fc.nat(0xfff)).map(([type, payload]) => evt3.raw(type, payload));
    fc.assert(fc.property(fc.array(word, { maxLength: 80 }), fc.nat(1), fc.integer({ min: 1, max: 19 }),
      (words, odd, size) => {
        const bytes = stream(evt3.time(3), ...words, Array(odd).fill(0x11));
        expectSameDecode(decode(bytes, size), decode(bytes), `chunk ${size}`);
      }));
  });
});

/** Event times by an independent walk of the words; `expelliarmus` adds 4096 µs per TIME_LOW decrease. */
function referenceTimes(body: Uint8Array, expelliarmus: boolean): number[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const out: number[] = [];
  let high = 0, low = 0, prevLow = 0, ovf = 0;
  for (let at = 0; at < body.length; at += 2) {
    const w = view.getUint16(at, true);
    const type = w >>> 12;
    if (type === 0x8) [high, low] = [w & 0xfff, 0];
    if (type === 0x6) {
      low = w & 0xfff;
      if (low < prevLow) ovf++; // expelliarmus: any decrease, even across a TIME_HIGH, is a wrap
      prevLow = low;
    }
    let n = 0;
    if (type === 0x2) n = 1;
    for (let b = 0; (type === 0x4 || type === 0x5) && b < (type === 0x4 ? 12 : 8); b++) n += (w >>> b) & 1;
    for (let i = 0; i < n; i++) out.push(high * 4096 + low + (expelliarmus ? ovf * 4096 : 0));
  }
  return out;
}

describe.skipIf(!HAVE_SHARED)('EVT 3.0 on evt3_gen41_1280x720_expelliarmus.raw', () => {
  const file = () => sharedSample('evt3_gen41_1280x720_expelliarmus.raw');

  it('matches the SOURCES.md computed facts, for several chunkings', () => {
    const r = expectChunkingInvariant(() => createPropheseeDecoder(), file(), [4093, 65536]);
    expectFacts(r.events, {
      events: 219596,
      first5: [[11718656, 874, 200, 0], [11718656, 806, 200, 1], [11718656, 882, 201, 0],
        [11718656, 1085, 201, 1], [11718656, 1235, 201, 1]],
      last: [11727457, 1218, 572, 1],
      tRange: [11718656, 11727457], xRange: [0, 1279], yRange: [0, 719], on: 115532, off: 104064, monotonic: true,
    });
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({});
    expect(r.header).toMatchObject({ format: 'evt3', width: 1280, height: 720, headerBytes: 166 });
    expect(r.header?.metadata['plugin_name']).toBe(HD);
  });

  it('has the word-type counts of SOURCES.md', () => {
    const c = wordTypes(file().subarray(166), 2);
    expect([c[0], c[2], c[3], c[4], c[5], c[6], c[8]]).toEqual([59640, 197550, 10527, 21242, 10621, 8812, 551]);
    expect(c.reduce((a, b) => a + b, 0)).toBe(308943);
  });

  it('does not reproduce the expelliarmus TIME_LOW bug (index 20,121 and later keep spec times)', () => {
    const body = file().subarray(166);
    const spec = referenceTimes(body, false);
    const buggy = referenceTimes(body, true);
    // The buggy model reproduces expelliarmus' stated reference: last t 11,772,513, first 20,121 agree.
    expect(buggy[buggy.length - 1]).toBe(11772513);
    expect(buggy.findIndex((t, i) => t !== spec[i])).toBe(20121);
    const t = Array.from(decode(file()).events.t);
    expect(t).toEqual(spec);
    expect(t[20121]).not.toBe(buggy[20121]);
    // Every time lies in the span of the TIME_HIGH values present (2861..2863).
    expect(t.every((v) => v >= 2861 * 4096 && v < 2864 * 4096)).toBe(true);
  });

  it('decodes a prefix identically in 1-, 2- and 5-byte chunks', () => {
    expectChunkingInvariant(() => createPropheseeDecoder(), file().subarray(0, 6001), [1, 2, 5]);
  });
});
