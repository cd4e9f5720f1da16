import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAedat3Decoder } from '../../src/aedat/aedat3/Aedat3Decoder.js';
import { cameraSize } from '../../src/aedat/aedat3/cameraSize.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { decodeSplit, expectSameDecode, tuples } from '../helpers/facts.js';
import { concatBytes } from '../helpers/bytes.js';

// ---- test-only AEDAT 3.1 encoder -------------------------------------------------------------
const enc = new TextEncoder();
const WRAP = 2 ** 31;

function header3(version = '3.1', sources = ['DVS128'], extra: string[] = []): Uint8Array {
  const lines = [`#!AER-DAT${version}`, '#Format: RAW', ...sources.map((s, i) => `#Source ${i + 1}: ${s}`),
    '#Start-Time: 2017-05-02 14:24:01 (TZ+0200)', ...extra, ...(version === '3.1' ? ['#!END-HEADER'] : [])];
  return enc.encode(lines.map((l) => `${l}\r\n`).join(''));
}

interface Pkt {
  type: number;
  size: number;
  events: Uint8Array[];
  source?: number;
  tsOffset?: number;
  overflow?: number;
  capacity?: number;
  valid?: number;
  number?: number;
}

/** The 28-byte packet header for `p` (eventNumber = events given unless overridden). */
function pktHeader(p: Pkt): Uint8Array {
  const out = new Uint8Array(28);
  const dv = new DataView(out.buffer);
  const valid = p.valid ?? p.events.filter((e) => (e[0]! & 1) === 1).length;
  [p.type, p.source ?? 1].forEach((v, i) => dv.setInt16(2 * i, v, true));
  [p.size, p.tsOffset ?? 4, p.overflow ?? 0, p.capacity ?? p.events.length, p.number ?? p.events.length, valid]
    .forEach((v, i) => dv.setInt32(4 + 4 * i, v, true));
  return out;
}

/** A packet: header, the events, then unused capacity filled with 0xFF (valid-looking garbage). */
function packet(p: Pkt): Uint8Array {
  const body = new Uint8Array((p.capacity ?? p.events.length) * p.size).fill(0xff);
  p.events.forEach((e, i) => body.set(e, i * p.size));
  return cat(pktHeader(p), body);
}

function word2(a: number, b: number, size = 8): Uint8Array {
  const e = new Uint8Array(size);
  const dv = new DataView(e.buffer);
  dv.setUint32(0, a >>> 0, true);
  dv.setInt32(4, b, true);
  return e;
}
const pol = (x: number, y: number, p: number, ts: number, valid = 1): Uint8Array =>
  word2((x << 17) | (y << 2) | (p << 1) | valid, ts);
const special = (type: number, ts: number, valid = 1): Uint8Array => word2((type << 1) | valid, ts);
function imu6(ts: number, values: number[], valid = 1): Uint8Array {
  const e = word2(valid, ts, 36);
  const dv = new DataView(e.buffer);
  values.forEach((v, i) => dv.setFloat32(8 + 4 * i, v, true));
  return e;
}
const cat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);
// ------------------------------------------------------------------------------------------------



const PACKETS = [
  packet({ type: 1, size: 8, capacity: 5, events: [pol(1, 2, 1, 100), pol(9, 9, 0, 101, 0), pol(127, 127, 0, 102)] }),
  packet({ type: 0, size: 8, events: [special(0, 0x7fffffff), special(1, 0), special(50, 5), special(2, 6, 0)] }),
  packet({ type: 1, size: 8, overflow: 3, events: [pol(3, 4, 1, 5), pol(200, 1, 1, 6), pol(0, 127, 0, 0x7fffffff)] }),
  packet({ type: 3, size: 36, source: 2, capacity: 3,
    events: [imu6(10, [0.5, -1, 0.25, 1.5, -2.5, 3, 36.5]), imu6(11, [1, 1, 1, 1, 1, 1, 1], 0)] }),
  packet({ type: 2, size: 44, capacity: 2, events: [word2(1, 20, 44), word2(0, 21, 44)] }),
  packet({ type: 77, size: 12, events: [word2(1, 1, 12), word2(1, 2, 12), word2(1, 3, 12)] }),
  packet({ type: 1, size: 8, capacity: 0, events: [] }),
  packet({ type: 4, size: 48, events: [word2(1, 30, 48)] }),
];
const FILE = cat(header3(), ...PACKETS);
const HEADER_BYTES = header3().length;
const EXPECTED_EVENTS = [[100, 1, 2, 1], [102, 127, 127, 0], [3 * WRAP + 5, 3, 4, 1], [3 * WRAP + 0x7fffffff, 0, 127, 0]];
const EXPECTED_SKIPPED = {
  invalid: 4, special_timestamp_wrap: 1, special_timestamp_reset: 1, special_50: 1, out_of_bounds: 1,
  frame: 1, type_77: 3, imu9: 1,
};

describe('Aedat3Decoder', () => {
  it('decodes polarity, special, IMU6 and skipped packets exactly', () => {
    const r = decodeAll(createAedat3Decoder(), FILE);
    expect(r.error).toBeUndefined();
    expect(tuples(r)).toEqual(EXPECTED_EVENTS);
    expect(r.skipped).toEqual(EXPECTED_SKIPPED);
    expect(r.imu).toEqual([{ streamId: 2, t: 10, accel: [0.5, -1, 0.25], gyro: [1.5, -2.5, 3], temperature: 36.5,
      magnet: [0, 0, 0] }]);
    expect(r.header).toEqual({
      format: 'aedat3', width: 128, height: 128, headerBytes: HEADER_BYTES,
      metadata: { version: '3.1', Format: 'RAW', 'Source 1': 'DVS128', 'Start-Time': '2017-05-02 14:24:01 (TZ+0200)' },
      streams: [{ id: 1, type: 'DVS128', source: 'DVS128', width: 128, height: 128 }],
    });
  });

  it('reads a 3.0 header, which ends at the first non-# line', () => {
    const r = decodeAll(createAedat3Decoder(), cat(header3('3.0'), ...PACKETS));
    expect(tuples(r)).toEqual(EXPECTED_EVENTS);
    expect(r.header?.metadata['version']).toBe('3.0');
  });

  it('stops a 3.1 header at #!END-HEADER even when data starts with #', () => {
    const first = packet({ type: 0x23, size: 8, events: [word2(1, 1)] });
    const r = decodeAll(createAedat3Decoder(), cat(header3(), first, ...PACKETS), 3);
    expect(tuples(r)).toEqual(EXPECTED_EVENTS);
    expect(r.skipped['type_35']).toBe(1);
  });

  it('sizes the sensor from the source name or the option', () => {
    const davis = decodeAll(createAedat3Decoder(), cat(header3('3.1', ['DAVIS346B', 'DVXplorer Lite']), ...PACKETS));
    expect([davis.header?.width, davis.header?.height]).toEqual([346, 260]);
    expect(davis.header?.streams?.[1]).toEqual({ id: 2, type: 'DVXplorer Lite', source: 'DVXplorer Lite',
      width: 320, height: 240 });
    expect(davis.skipped['out_of_bounds']).toBeUndefined();
    const unknown = decodeAll(createAedat3Decoder(), cat(header3('3.1', ['Mystery']), ...PACKETS));
    expect([unknown.header?.width, unknown.events.width]).toEqual([null, 32768]);
    const small = decodeAll(createAedat3Decoder({ sensor: { width: 100, height: 100 } }), FILE);
    expect(tuples(small)).toEqual([[100, 1, 2, 1], [3 * WRAP + 5, 3, 4, 1]]);
    expect(small.skipped['out_of_bounds']).toBe(3);
  });

  it('maps camera names to sizes', () => {
    expect(cameraSize('DVS128')).toEqual({ width: 128, height: 128 });
    expect(cameraSize('DAVIS240C')).toEqual({ width: 240, height: 180 });
    expect(cameraSize('DAVIS640')).toEqual({ width: 640, height: 480 });
    expect(cameraSize('DVXplorer')).toEqual({ width: 640, height: 480 });
    expect(cameraSize('DVXplorerLite')).toEqual({ width: 320, height: 240 });
    expect(cameraSize('Cochlea')).toBeNull();
  });
});

describe('Aedat3Decoder, hostile input', () => {
  const first = PACKETS[0]!;
  const at = HEADER_BYTES + first.length;
  const corrupt: [string, Pkt][] = [
    ['eventNumber > eventCapacity', { type: 1, size: 8, capacity: 1, number: 2, events: [] }],
    ['eventSize 0', { type: 2, size: 0, events: [] }],
    ['negative eventSize', { type: 2, size: -8, events: [] }],
    ['polarity eventSize 4', { type: 1, size: 4, tsOffset: 0, events: [] }],
    ['polarity eventTSOffset 0', { type: 1, size: 8, tsOffset: 0, events: [] }],
    ['timestamp outside the event', { type: 2, size: 8, tsOffset: 6, events: [] }],
    ['2 GB claimed', { type: 1, size: 8, capacity: 2 ** 28, events: [] }],
    ['eventValid > eventNumber', { type: 2, size: 8, valid: 3, events: [] }],
    ['negative eventType', { type: -1, size: 8, events: [] }],
    ['negative eventTSOverflow', { type: 1, size: 8, overflow: -1, events: [] }],
  ];

  it.each(corrupt)('rejects a packet header with %s at its offset, after the good packets', (_, bad) => {
    const bytes = cat(header3(), first, pktHeader(bad), new Uint8Array(64));
    for (const size of [bytes.length, 1, 5]) {
      const r = decodeAll(createAedat3Decoder(), bytes, size);
      expect(tuples(r)).toEqual([[100, 1, 2, 1], [102, 127, 127, 0]]);
      expect(r.error).toBeInstanceOf(DecodeError);
      expect(r.error).not.toBeInstanceOf(TruncatedInputError);
      expect([r.error?.format, r.error?.offsetBytes]).toEqual(['aedat3', at]);
    }
  });

  it('applies maxPacketBytes', () => {
    const r = decodeAll(createAedat3Decoder({ maxPacketBytes: 16 }), FILE);
    expect(r.error?.offsetBytes).toBe(HEADER_BYTES);
    expect(r.error?.expected).toContain('maxPacketBytes');
  });

  it.each([1, 2, 77])('waits for a large type-%i packet without allocating it, then reports truncation', (type) => {
    const big = cat(pktHeader({ type, size: 8, capacity: 10_000_000, events: [] }), new Uint8Array(100));
    const dec = createAedat3Decoder();
    dec.push(cat(header3(), first));
    for (let i = 0; i < big.length; i += 7) expect(dec.push(big.subarray(i, i + 7)).error).toBeUndefined();
    const end = dec.end();
    expect(end.error).toBeInstanceOf(TruncatedInputError);
    expect(end.error?.offsetBytes).toBe(at);
  });

  it('reports a cut at every offset as truncation at the cut packet, after all whole packets', () => {
    const starts = [HEADER_BYTES];
    for (const p of PACKETS) starts.push(starts[starts.length - 1]! + p.length);
    const eventsBefore = [0, 2, 2, 4, 4, 4, 4, 4, 4];
    for (let cut = HEADER_BYTES; cut <= FILE.length; cut++) {
      const r = decodeAll(createAedat3Decoder(), FILE.subarray(0, cut), 11);
      const k = starts.filter((s) => s <= cut).length - 1;
      expect(r.events.t.length, `cut ${cut}`).toBe(eventsBefore[k]);
      if (starts.includes(cut)) expect(r.error, `cut ${cut}`).toBeUndefined();
      else expect([r.error?.name, r.error?.offsetBytes], `cut ${cut}`).toEqual(['TruncatedInputError', starts[k]]);
    }
    const inBody = decodeAll(createAedat3Decoder(), FILE.subarray(0, starts[1]! + 30)).error;
    expect(inBody?.message).toContain(`the packet announces ${starts[2]! - starts[1]!} bytes (28 header + capacity × size), ` +
      'got the file ends after 30 of them');
  });

  it('checks the version line and the header', () => {
    const v2 = decodeAll(createAedat3Decoder(), enc.encode('#!AER-DAT2.0\r\n'));
    expect([v2.error?.offsetBytes, v2.error?.name]).toEqual([9, 'DecodeError']);
    const v32 = decodeAll(createAedat3Decoder(), cat(header3('3.2'), first));
    expect([v32.error?.offsetBytes, v32.error?.expected]).toEqual([0, 'version 3.0 or 3.1']);
    const noEndHeader = enc.encode('#!AER-DAT3.1\r\n#Source 1: DVS128\r\n');
    const noEnd = decodeAll(createAedat3Decoder(), cat(noEndHeader, first));
    expect([noEnd.error?.name, noEnd.error?.offsetBytes]).toEqual(['DecodeError', noEndHeader.length]);
    const serialized = enc.encode('#!AER-DAT3.1\r\n#Format: SerializedTS\r\n#!END-HEADER\r\n');
    expect(decodeAll(createAedat3Decoder(), serialized).error?.got).toBe('"#Format: SerializedTS"');
  });

  it('bounds a header line that never ends', () => {
    const endless = cat(enc.encode('#!AER-DAT3.1\r\n#'), new Uint8Array(100_000).fill(0x41));
    const r = decodeAll(createAedat3Decoder({ maxHeaderBytes: 4096 }), endless, 1000);
    expect([r.error?.name, r.error?.offsetBytes]).toEqual(['DecodeError', 14]);
    expect(decodeAll(createAedat3Decoder(), endless, 1000).error?.name).toBe('TruncatedInputError');
  });

  it('never throws on random packet bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), (junk, size) => {
      const r = decodeAll(createAedat3Decoder(), cat(header3(), junk), size);
      if (r.error) expect(r.error.offsetBytes).toBeGreaterThanOrEqual(HEADER_BYTES);
      if (junk.length === 0) expect(r.error).toBeUndefined();
    }));
  });
});

describe('Aedat3Decoder chunking', () => {
  const arbPacket = fc.record({
    type: fc.constantFrom(0, 1, 1, 2, 3, 77),
    n: fc.integer({ min: 0, max: 5 }),
    spare: fc.integer({ min: 0, max: 2 }),
    overflow: fc.integer({ min: 0, max: 3 }),
    seed: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 10, maxLength: 10 }),
  }).map(({ type, n, spare, overflow, seed }) => {
    const size = type === 3 ? 36 : type === 2 ? 20 : 8;
    const events = Array.from({ length: n }, (_, i) => word2(seed[i]!, seed[i + 5]! & 0x7fffffff, size));
    return packet({ type, size, overflow, capacity: n + spare, events });
  });

  it('gives identical output for any chunk size and any cut points', () => {
    fc.assert(fc.property(fc.array(arbPacket, { maxLength: 6 }), fc.integer({ min: 1, max: 60 }),
      fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 12 }), (pkts, size, rawCuts) => {
        const bytes = cat(header3('3.1', ['DAVIS346B']), ...pkts);
        const whole = decodeAll(createAedat3Decoder(), bytes);
        expectSameDecode(decodeAll(createAedat3Decoder(), bytes, size), whole, `size ${size}`);
        const cuts = [...new Set(rawCuts.filter((c) => c < bytes.length))].sort((a, b) => a - b);
        expectSameDecode(decodeSplit(createAedat3Decoder(), bytes, cuts), whole, `cuts ${cuts.join(',')}`);
      }));
  });

  it('decodes the synthetic file identically in 1-byte chunks', () => {
    const one = decodeAll(createAedat3Decoder(), FILE, 1);
    expectSameDecode(one, decodeAll(createAedat3Decoder(), FILE), '1-byte chunks');
    expect(tuples(one)).toEqual(EXPECTED_EVENTS);
  });
});
