import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAedat2Decoder, type Aedat2Options } from '../../src/aedat/aedat2/Aedat2Decoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { decodeSplit, expectChunkingInvariant, expectFacts, expectSameDecode, tuples } from '../helpers/facts.js';

const enc = new TextEncoder();
const DVS128_CLASS = 'ch.unizh.ini.jaer.chip.retina.DVS128';
const DAVIS346_CLASS = 'eu.seebetter.ini.chips.davis.Davis346red';

/** Test-only AEDAT 2.0 writer: header lines, then [address, timestamp] big-endian records. */
function aedat2(chip: string | null, records: readonly (readonly [number, number])[], eol = '\r\n'): Uint8Array {
  const lines = ['#!AER-DAT2.0', '# This is a raw AE data file - do not edit', '# created Fri Apr 15 09:54:36 PDT 2016',
    '# HardwareInterface: TestCam 1', ...(chip === null ? [] : [`# AEChip: ${chip}`]),
    '#Start of Preferences for this AEChip', '#<entry key="X: y"/>', '#End of Preferences for this AEChip'];
  const head = enc.encode(lines.map((l) => l + eol).join(''));
  const out = new Uint8Array(head.length + 8 * records.length);
  out.set(head);
  const dv = new DataView(out.buffer);
  records.forEach(([a, t], i) => {
    dv.setUint32(head.length + 8 * i, a >>> 0);
    dv.setUint32(head.length + 8 * i + 4, t >>> 0);
  });
  return out;
}

const dvs128 = (x: number, y: number, p: number): number => (y << 8) | (x << 1) | p;
const davis = (x: number, y: number, p: number): number => (y << 22) | (x << 12) | (p << 11);
const headerBytesOf = (bytes: Uint8Array, records: number): number => bytes.length - 8 * records;



describe('Aedat2Decoder, DVS128 layout', () => {
  const records: [number, number][] = [
    [dvs128(65, 118, 1), 41306606], [dvs128(0, 0, 0), 41306607], [0x8000 | dvs128(3, 3, 1), 41306608],
    [dvs128(127, 127, 1), 0xfffffff0],
  ];

  it('decodes raw x/y/p, skips external events and reads the header', () => {
    const bytes = aedat2(DVS128_CLASS, records);
    const r = decodeAll(createAedat2Decoder(), bytes);
    expect(r.error).toBeUndefined();
    expect(tuples(r)).toEqual([[41306606, 65, 118, 1], [41306607, 0, 0, 0], [4294967280, 127, 127, 1]]);
    expect(r.skipped).toEqual({ external: 1 });
    expect(r.header).toEqual({
      format: 'aedat2', width: 128, height: 128, headerBytes: headerBytesOf(bytes, 4),
      metadata: { version: '2.0', created: 'Fri Apr 15 09:54:36 PDT 2016', HardwareInterface: 'TestCam 1',
        AEChip: DVS128_CLASS },
    });
    expect([r.events.width, r.events.height]).toEqual([128, 128]);
  });

  it('reads LF-only headers like CRLF ones', () => {
    const crlf = decodeAll(createAedat2Decoder(), aedat2(DVS128_CLASS, records));
    const lf = decodeAll(createAedat2Decoder(), aedat2(DVS128_CLASS, records, '\n'));
    expect(tuples(lf)).toEqual(tuples(crlf));
    expect(lf.header?.metadata).toEqual(crlf.header?.metadata);
  });

  it('counts events outside a smaller sensor option', () => {
    const r = decodeAll(createAedat2Decoder({ sensor: { width: 64, height: 128 } }), aedat2(DVS128_CLASS, records));
    expect(tuples(r)).toEqual([[41306607, 0, 0, 0]]);
    expect(r.skipped).toEqual({ external: 1, out_of_bounds: 2 });
    expect(r.header?.width).toBe(64);
  });
});

describe('Aedat2Decoder, DAVIS layout', () => {
  const records: [number, number][] = [
    [davis(156, 36, 0), 100], [davis(345, 259, 1), 101], [davis(3, 4, 1) | 0x400 | 2, 102],
    [0x8002ac00, 103], [0x9efdfc00, 104], [0x80000000 | davis(5, 5, 0) | 0x3ff, 105], [0x80000800 | 7, 106],
    [davis(346, 0, 1), 107], [davis(0, 260, 1), 108], [davis(1, 2, 1), 0x80000000],
  ];

  it('separates DVS, external, IMU and APS words and sizes the chip from its class', () => {
    const r = decodeAll(createAedat2Decoder(), aedat2(DAVIS346_CLASS, records));
    expect(r.error).toBeUndefined();
    expect(tuples(r)).toEqual([[100, 156, 36, 0], [101, 345, 259, 1], [2147483648, 1, 2, 1]]);
    expect(r.skipped).toEqual({ external: 1, imu: 2, aps: 2, out_of_bounds: 2 });
    expect([r.header?.width, r.header?.height]).toEqual([346, 260]);
  });

  it.each([
    ['eu.seebetter.ini.chips.davis.DAVIS240C', 240, 180], ['eu.seebetter.ini.chips.davis.DAVIS240A', 240, 180],
    ['eu.seebetter.ini.chips.davis.Davis346blue', 346, 260], ['eu.seebetter.ini.chips.davis.Davis346mini', 346, 260],
    ['eu.seebetter.ini.chips.davis.Davis640', 640, 480], ['eu.seebetter.ini.chips.davis.Davis208PixelParade', 208, 192],
    ['eu.seebetter.ini.chips.davis.DavisRGBW640', 640, 480], ['ch.unizh.ini.jaer.chip.retina.Tmpdiff128', 128, 128],
  ])('maps %s to %i×%i', (chip, w, h) => {
    const r = decodeAll(createAedat2Decoder(), aedat2(chip, []));
    expect([r.header?.width, r.header?.height, r.error]).toEqual([w, h, undefined]);
  });

  it('uses the DAVIS layout without a size for an unlisted class of the DAVIS package', () => {
    const r = decodeAll(createAedat2Decoder(), aedat2('eu.seebetter.ini.chips.davis.FutureDavis', [[davis(900, 400, 1), 5]]));
    expect(tuples(r)).toEqual([[5, 900, 400, 1]]);
    expect(r.header?.width).toBeNull();
  });
});

describe('Aedat2Decoder, chip selection', () => {
  it('fails on an unknown chip class and says how to pass the layout', () => {
    const bytes = aedat2('org.example.MysteryCam', [[davis(1, 1, 1), 5]]);
    const r = decodeAll(createAedat2Decoder(), bytes);
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error?.offsetBytes).toBe(headerBytesOf(bytes, 1));
    expect(r.error?.message).toContain("chip: 'dvs128' | 'davis'");
    expect(r.error?.got).toBe('AEChip org.example.MysteryCam');
    expect(r.header?.metadata['AEChip']).toBe('org.example.MysteryCam');
    expect(r.events.t.length).toBe(0);
  });

  it('fails without an AEChip line unless the chip option is given', () => {
    const bytes = aedat2(null, [[davis(1, 2, 1), 5]]);
    expect(decodeAll(createAedat2Decoder(), bytes).error?.got).toBe('no "# AEChip:" line');
    const opts: Aedat2Options = { chip: 'davis', sensor: { width: 240, height: 180 } };
    const r = decodeAll(createAedat2Decoder(opts), bytes);
    expect(tuples(r)).toEqual([[5, 1, 2, 1]]);
    expect([r.header?.width, r.header?.height]).toEqual([240, 180]);
  });

  it('lets the chip option override the class layout', () => {
    const r = decodeAll(createAedat2Decoder({ chip: 'dvs128' }), aedat2(DAVIS346_CLASS, [[dvs128(5, 6, 1), 9]]));
    expect(tuples(r)).toEqual([[9, 5, 6, 1]]);
    expect(r.header?.width).toBe(128);
  });

  it('stays failed: later pushes and end return the same error and no events', () => {
    const dec = createAedat2Decoder();
    const first = dec.push(aedat2('org.example.MysteryCam', [[1, 1]]));
    expect(first.error).toBeInstanceOf(DecodeError);
    const later = dec.push(aedat2(DVS128_CLASS, [[1, 1]]));
    expect([later.error, later.events.t.length]).toEqual([first.error, 0]);
    expect(dec.end().error).toBe(first.error);
  });
});

describe('Aedat2Decoder, hostile input', () => {
  const good = aedat2(DVS128_CLASS, [[dvs128(1, 2, 1), 10], [dvs128(3, 4, 0), 11], [dvs128(5, 6, 1), 12]]);
  const headerBytes = headerBytesOf(good, 3);

  it('delivers whole records and reports a truncated tail at every cut offset', () => {
    const text = new TextDecoder('latin1').decode(good.subarray(0, headerBytes));
    const lineEnds = new Set([...text.matchAll(/\n/g)].map((m) => m.index + 1));
    const afterChip = text.indexOf('\n', text.indexOf('# AEChip:')) + 1;
    for (let cut = 0; cut <= good.length; cut++) {
      const r = decodeAll(createAedat2Decoder(), good.subarray(0, cut), 5);
      const whole = Math.max(0, Math.floor((cut - headerBytes) / 8));
      expect(r.events.t.length, `cut ${cut}`).toBe(whole);
      if (cut >= headerBytes && (cut - headerBytes) % 8 === 0) {
        expect(r.error, `cut ${cut}`).toBeUndefined();
      } else if (cut > headerBytes) {
        expect(r.error, `cut ${cut}`).toBeInstanceOf(TruncatedInputError);
        expect(r.error?.offsetBytes).toBe(headerBytes + 8 * whole);
      } else if (lineEnds.has(cut)) {
        // A complete header that stops early: without its AEChip line the chip is unknown.
        if (cut >= afterChip) expect(r.error, `cut ${cut}`).toBeUndefined();
        else expect(r.error?.got, `cut ${cut}`).toBe('no "# AEChip:" line');
      } else {
        expect(r.error, `cut ${cut}`).toBeInstanceOf(TruncatedInputError);
      }
    }
  });

  it('rejects a foreign version line at its first wrong byte', () => {
    const r = decodeAll(createAedat2Decoder(), enc.encode('#!AER-DAT3.1\r\n#!END-HEADER\r\n'));
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error).not.toBeInstanceOf(TruncatedInputError);
    expect([r.error?.format, r.error?.offsetBytes]).toEqual(['aedat2', 9]);
    expect(decodeAll(createAedat2Decoder(), enc.encode('# just a comment\r\n')).error?.offsetBytes).toBe(1);
  });

  it('reports an empty input as truncated at 0', () => {
    const r = decodeAll(createAedat2Decoder(), new Uint8Array(0));
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(0);
  });

  it('bounds a header line that never ends, and reports one cut by the end of input', () => {
    const endless = new Uint8Array(50_000).fill(0x61);
    endless.set(enc.encode('#!AER-DAT2.0\r\n# AEChip: '));
    const bounded = decodeAll(createAedat2Decoder({ maxHeaderBytes: 10_000 }), endless, 4096);
    expect(bounded.error).toBeInstanceOf(DecodeError);
    expect(bounded.error?.offsetBytes).toBe(14);
    const cut = decodeAll(createAedat2Decoder(), endless, 4096);
    expect(cut.error).toBeInstanceOf(TruncatedInputError);
    expect(cut.error?.offsetBytes).toBe(14);
  });

  it('never throws on random bytes, with or without a valid header', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (junk, withHeader) => {
      const bytes = withHeader ? new Uint8Array([...aedat2(DVS128_CLASS, []), ...junk]) : junk;
      const r = decodeAll(createAedat2Decoder(), bytes, 7);
      if (!withHeader && junk.length > 0 && junk[0] !== 0x23) expect(r.error?.offsetBytes).toBe(0);
      if (withHeader) expect(r.events.t.length).toBeLessThanOrEqual(Math.floor(junk.length / 8));
    }));
  });
});

describe('Aedat2Decoder chunking', () => {
  const record = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }));

  it('gives identical output for any chunk size (DVS128 and DAVIS)', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: 1, max: 40 }), fc.boolean(),
      fc.integer({ min: 0, max: 7 }), (recs, size, isDavis, extra) => {
        const full = aedat2(isDavis ? DAVIS346_CLASS : DVS128_CLASS, recs);
        const bytes = new Uint8Array([...full, ...new Uint8Array(extra).fill(0x23)]);
        const whole = decodeAll(createAedat2Decoder(), bytes);
        expectSameDecode(decodeAll(createAedat2Decoder(), bytes, size), whole, `size ${size}`);
      }));
  });

  it('gives identical output for arbitrary cut points', () => {
    const bytes = aedat2(DAVIS346_CLASS, Array.from({ length: 60 }, (_, i) => [davis(i, i, i & 1), i * 3] as [number, number]));
    const whole = decodeAll(createAedat2Decoder(), bytes);
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      expectSameDecode(decodeSplit(createAedat2Decoder(), bytes, sorted), whole, `cuts ${sorted.join(',')}`);
    }));
  });
});

describe.skipIf(!HAVE_SHARED)('Aedat2Decoder on shared samples', () => {
  it('aedat2_dvs128_alex_walking_again.aedat matches SOURCES.md', () => {
    const bytes = sharedSample('aedat2_dvs128_alex_walking_again.aedat');
    const r = expectChunkingInvariant(() => createAedat2Decoder(), bytes, [1, 7, 4096, 65536]);
    expectFacts(r.events, {
      events: 19182,
      first5: [[41306606, 65, 118, 1], [41309379, 47, 97, 0], [41309793, 88, 97, 0], [41316292, 66, 29, 0],
        [41319064, 59, 71, 1]],
      last: [48193156, 127, 22, 0],
      tRange: [41306606, 48193156], xRange: [0, 127], yRange: [0, 127], on: 12080, off: 7102, monotonic: true,
    });
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({});
    expect(r.header).toMatchObject({ format: 'aedat2', width: 128, height: 128, headerBytes: 4612 });
    expect(r.header?.metadata).toEqual({ version: '2.0', created: 'Fri Apr 15 09:54:36 PDT 2016',
      HardwareInterface: 'DVS128-V1 0298', AEChip: DVS128_CLASS });
  });

  it('aedat2_davis240c_IMU_translBoxes.aedat matches SOURCES.md', () => {
    const bytes = sharedSample('aedat2_davis240c_IMU_translBoxes.aedat');
    const r = expectChunkingInvariant(() => createAedat2Decoder(), bytes, [4093, 65536]);
    expectFacts(r.events, {
      events: 162771,
      first5: [[294976755, 156, 36, 0], [294976892, 205, 128, 0], [294976940, 169, 46, 1], [294976963, 94, 117, 0],
        [294977020, 159, 64, 1]],
      last: [297049406, 233, 40, 0],
      tRange: [294976755, 297049406], xRange: [0, 239], yRange: [0, 179], on: 82944, off: 79827, monotonic: true,
    });
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({ imu: 33837 });
    expect(r.header).toMatchObject({ width: 240, height: 180, headerBytes: 175268 });
    expect(r.header?.metadata).toMatchObject({ HardwareInterface: 'DAVIS FX2 84010032',
      AEChip: 'eu.seebetter.ini.chips.davis.DAVIS240C', created: 'Fri Sep 18 09:50:42 CEST 2015' });
    expect((bytes.length - 175268) / 8).toBe(196608);
  });

  it('decodes a prefix of the DAVIS240C sample identically in 1-byte chunks', () => {
    const prefix = sharedSample('aedat2_davis240c_IMU_translBoxes.aedat').subarray(0, 175268 + 8 * 3000 + 5);
    const r = expectChunkingInvariant(() => createAedat2Decoder(), prefix, [1, 3]);
    expect(r.events.t.length + (r.skipped['imu'] ?? 0)).toBe(3000);
    expect(r.error?.offsetBytes).toBe(175268 + 8 * 3000);
  });

  it('aedat2_davis346red_header_only.aedat: LF header, 599 bytes, no events, any chunking', () => {
    const bytes = sharedSample('aedat2_davis346red_header_only.aedat');
    const sizes = Array.from({ length: 40 }, (_, i) => i + 1);
    const r = expectChunkingInvariant(() => createAedat2Decoder(), bytes, [...sizes, 599]);
    expect(r.error).toBeUndefined();
    expect(r.events.t.length).toBe(0);
    expect(r.header).toMatchObject({ format: 'aedat2', width: 346, height: 260, headerBytes: 599 });
    expect(r.header?.metadata).toMatchObject({ version: '2.0', AEChip: DAVIS346_CLASS,
      'Creation time': 'System.currentTimeMillis() 1695355587880', creationTimeMs: '1695355587880',
      'Timestamps tick': '1 us' });
  });
});
