import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEsDecoder } from '../../src/aedat/es/EsDecoder.js';
import { EsGenericWalker } from '../../src/aedat/es/EsGenericWalker.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { decodeSplit, expectChunkingInvariant, expectFacts, expectSameDecode, tuples } from '../helpers/facts.js';

// ---- test-only Event Stream 2.0 writer (after sepia's write_to_reference) ---------------------
const TYPE = { generic: 0, dvs: 1, atis: 2, amd: 3, color: 4 } as const;

function esHeader(type: number, width = 320, height = 240, version = [2, 0, 0]): number[] {
  const head = [...new TextEncoder().encode('Event Stream'), ...version, type];
  return type === TYPE.generic ? head : [...head, width & 0xff, width >> 8, height & 0xff, height >> 8];
}

/** Encoded bytes plus [start, end) of every event (overflow bytes excluded). */
interface Encoded { bytes: Uint8Array; spans: [number, number][] }

function encode(head: number[], items: { dt: number; body: number[] }[],
  overflow: (dt: number) => [number, number], reset: number): Encoded {
  const out = [...head];
  const spans: [number, number][] = [];
  for (const { dt, body } of items) {
    let left = dt;
    while (left > 0) {
      const [byte, used] = overflow(left);
      if (used === 0) break;
      out.push(byte);
      left -= used;
    }
    out.push(reset); // ignored in the idle state
    spans.push([out.length, out.length + body.length]);
    out.push(...body);
  }
  return { bytes: new Uint8Array(out), spans };
}

const xy = (x: number, y: number): number[] => [x & 0xff, x >> 8, y & 0xff, y >> 8];
const deltas = <T extends { t: number }>(evs: T[]): number[] => evs.map((e, i) => e.t - (i ? evs[i - 1]!.t : 0));

type Dvs = { t: number; x: number; y: number; on: number };
function encodeDvs(evs: Dvs[], w = 320, h = 240): Encoded {
  const dts = deltas(evs);
  const items = evs.map((e, i) => {
    const dt = dts[i]! % 127;
    return { dt: dts[i]!, body: [(dt << 1) | e.on, ...xy(e.x, e.y)] };
  });
  return encode(esHeader(TYPE.dvs, w, h), items, (l) => (l >= 127 ? [0xff, 127] : [0, 0]), 0xfe);
}

type Atis = { t: number; x: number; y: number; pol: number; thr: number };
function encodeAtis(evs: Atis[]): Encoded {
  const dts = deltas(evs);
  const items = evs.map((e, i) => ({ dt: dts[i]!, body: [((dts[i]! % 63) << 2) | (e.pol << 1) | e.thr, ...xy(e.x, e.y)] }));
  const overflow = (l: number): [number, number] => {
    const k = Math.min(3, Math.floor(l / 63));
    return k === 0 ? [0, 0] : [0xfc | k, 63 * k];
  };
  return encode(esHeader(TYPE.atis), items, overflow, 0xfc);
}

function encodeColor(ts: number[]): Encoded {
  const dts = deltas(ts.map((t) => ({ t })));
  const items = dts.map((dt, i) => ({ dt, body: [dt % 254, ...xy(i, i), 1, 2, 3] }));
  return encode(esHeader(TYPE.color), items, (l) => (l >= 254 ? [0xff, 254] : [0, 0]), 0xfe);
}

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    const more = n >= 128 ? 1 : 0;
    out.push(((n % 128) << 1) | more);
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
}
function encodeGeneric(evs: { t: number; size: number }[]): Encoded {
  const dts = deltas(evs);
  const items = evs.map((e, i) => ({ dt: dts[i]!, body: [dts[i]! % 254, ...varint(e.size), ...new Array<number>(e.size).fill(0xff)] }));
  return encode(esHeader(TYPE.generic), items, (l) => (l >= 254 ? [0xff, 254] : [0, 0]), 0xfe);
}
// ------------------------------------------------------------------------------------------------



const DVS: Dvs[] = [
  { t: 0, x: 0, y: 239, on: 1 }, { t: 0, x: 319, y: 0, on: 0 }, { t: 126, x: 5, y: 6, on: 1 },
  { t: 253, x: 320, y: 6, on: 1 }, { t: 1253, x: 7, y: 240, on: 0 }, { t: 5_001_253, x: 300, y: 200, on: 0 },
  { t: 5_001_254, x: 1, y: 1, on: 1 },
];

describe('EsDecoder, DVS streams', () => {
  it('decodes cumulative timestamps, raw coordinates and polarity', () => {
    const { bytes } = encodeDvs(DVS);
    const r = decodeAll(createEsDecoder(), bytes);
    expect(r.error).toBeUndefined();
    const inside = DVS.filter((e) => e.x < 320 && e.y < 240);
    expect(tuples(r)).toEqual(inside.map((e) => [e.t, e.x, e.y, e.on]));
    expect(r.skipped).toEqual({ out_of_bounds: 2 });
    expect(r.header).toEqual({ format: 'es', width: 320, height: 240, headerBytes: 20,
      metadata: { version: '2.0.0', type: 'dvs' } });
    expect([r.events.width, r.events.height]).toEqual([320, 240]);
  });

  it('accepts any 2.x version and takes the size from the file', () => {
    const bytes = new Uint8Array([...esHeader(TYPE.dvs, 10, 10, [2, 5, 1]), 2 << 1, ...xy(9, 9)]);
    const r = decodeAll(createEsDecoder({ sensor: { width: 1, height: 1 } }), bytes);
    expect(tuples(r)).toEqual([[2, 9, 9, 0]]);
    expect(r.header?.metadata['version']).toBe('2.5.1');
  });

  it('reports a cut at every offset: header cuts at 0, event cuts at the event start', () => {
    const { bytes, spans } = encodeDvs(DVS.slice(0, 5)); // small gaps: few overflow bytes
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = decodeAll(createEsDecoder(), bytes.subarray(0, cut), 3);
      const inside = spans.find(([s, e]) => cut > s && cut < e);
      if (cut < 20) expect([r.error?.name, r.error?.offsetBytes], `cut ${cut}`).toEqual(['TruncatedInputError', 0]);
      else if (inside) expect([r.error?.name, r.error?.offsetBytes], `cut ${cut}`).toEqual(['TruncatedInputError', inside[0]]);
      else expect(r.error, `cut ${cut}`).toBeUndefined();
    }
  });
});

describe('EsDecoder, other stream types', () => {
  it('emits ATIS change detections and counts threshold crossings', () => {
    const evs: Atis[] = [{ t: 3, x: 1, y: 2, pol: 1, thr: 0 }, { t: 70, x: 3, y: 4, pol: 0, thr: 1 },
      { t: 1000, x: 5, y: 6, pol: 0, thr: 0 }, { t: 1001, x: 400, y: 6, pol: 1, thr: 0 }];
    const r = decodeAll(createEsDecoder(), encodeAtis(evs).bytes);
    expect(tuples(r)).toEqual([[3, 1, 2, 1], [1000, 5, 6, 0]]);
    expect(r.skipped).toEqual({ atis_threshold: 1, out_of_bounds: 1 });
    expect(r.header?.metadata['type']).toBe('atis');
  });

  it('walks color streams without events', () => {
    const r = decodeAll(createEsDecoder(), encodeColor([0, 10, 300, 100_000]).bytes, 3);
    expect([r.events.t.length, r.error]).toEqual([0, undefined]);
    expect(r.skipped).toEqual({ color: 4 });
  });

  it('walks generic streams with multi-byte sizes; the walker exposes t and sizes', () => {
    const evs = [{ t: 0, size: 0 }, { t: 254, size: 5 }, { t: 300, size: 200 }, { t: 90_000, size: 20_000 }];
    const { bytes } = encodeGeneric(evs);
    const r = decodeAll(createEsDecoder(), bytes, 1000);
    expect([r.events.t.length, r.error, r.skipped]).toEqual([0, undefined, { generic: 4 }]);
    expect(r.header).toMatchObject({ width: null, height: null, headerBytes: 16 });
    const seen: number[][] = [];
    new EsGenericWalker((t, size) => seen.push([t, size])).walk(bytes.subarray(16), 16);
    expect(seen).toEqual(evs.map((e) => [e.t, e.size]));
  });
});

describe('EsDecoder, hostile input', () => {
  const expectFault = (bytes: Uint8Array, offset: number): void => {
    for (const size of [bytes.length, 1]) {
      const r = decodeAll(createEsDecoder(), bytes, size);
      expect(r.error).toBeInstanceOf(DecodeError);
      expect(r.error).not.toBeInstanceOf(TruncatedInputError);
      expect([r.error?.format, r.error?.offsetBytes]).toEqual(['es', offset]);
    }
  };

  it('rejects a wrong magic at its first wrong byte', () => {
    expectFault(new Uint8Array([...new TextEncoder().encode('Event Strean'), 2, 0, 0, 1]), 11);
    expectFault(new Uint8Array([0x23, 0x21]), 0);
  });

  it('rejects major versions other than 2 and unsupported types', () => {
    expectFault(new Uint8Array(esHeader(TYPE.dvs, 1, 1, [1, 0, 0])), 12);
    expectFault(new Uint8Array(esHeader(TYPE.dvs, 1, 1, [3, 0, 0])), 12);
    expectFault(new Uint8Array(esHeader(TYPE.amd)), 15);
    expectFault(new Uint8Array(esHeader(9)), 15);
  });

  it('rejects a generic size field longer than 7 bytes at that byte', () => {
    const bytes = new Uint8Array([...esHeader(TYPE.generic), 5, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expectFault(bytes, 16 + 8);
  });

  it('waits for a huge generic payload without buffering it, then reports truncation', () => {
    const bytes = new Uint8Array([...esHeader(TYPE.generic), 7, ...varint(2 ** 40), 1, 2, 3]);
    const r = decodeAll(createEsDecoder(), bytes, 2);
    expect([r.error?.name, r.error?.offsetBytes]).toEqual(['TruncatedInputError', 16]);
  });

  it('stays failed after an error', () => {
    const dec = createEsDecoder();
    const first = dec.push(new Uint8Array(esHeader(TYPE.dvs, 1, 1, [3, 0, 0])));
    const later = dec.push(new Uint8Array(esHeader(TYPE.dvs)));
    expect([later.error, later.events.t.length, dec.end().error]).toEqual([first.error, 0, first.error]);
  });

  it('never throws on random bytes after a header; events stay inside the sensor', () => {
    fc.assert(fc.property(fc.constantFrom(0, 1, 2, 4), fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 9 }),
      (type, junk, size) => {
        const r = decodeAll(createEsDecoder(), new Uint8Array([...esHeader(type, 40, 30), ...junk]), size);
        for (let i = 0; i < r.events.t.length; i++) expect(r.events.x[i]! < 40 && r.events.y[i]! < 30).toBe(true);
        if (r.error) expect(r.error.offsetBytes).toBeGreaterThanOrEqual(16);
      }));
  });
});

describe('EsDecoder chunking', () => {
  const arbDvs = fc.array(fc.record({ dt: fc.oneof(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 3000 })),
    x: fc.integer({ min: 0, max: 330 }), y: fc.integer({ min: 0, max: 250 }), on: fc.integer({ min: 0, max: 1 }) }),
  { maxLength: 30 }).map((rs) => {
    let t = 0;
    return rs.map((r) => ({ t: (t += r.dt), x: r.x, y: r.y, on: r.on, pol: r.on, thr: r.x & 1 }));
  });

  it('gives identical output for any chunk size and cut points, for every stream type', () => {
    fc.assert(fc.property(arbDvs, fc.constantFrom('dvs', 'atis', 'color', 'generic'), fc.integer({ min: 1, max: 23 }),
      fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 10 }), fc.integer({ min: 0, max: 4 }),
      (evs, kind, size, rawCuts, chop) => {
        const enc = kind === 'dvs' ? encodeDvs(evs) : kind === 'atis' ? encodeAtis(evs)
          : kind === 'color' ? encodeColor(evs.map((e) => e.t)) : encodeGeneric(evs.map((e) => ({ t: e.t, size: e.x })));
        const bytes = enc.bytes.subarray(0, Math.max(0, enc.bytes.length - chop));
        const whole = decodeAll(createEsDecoder(), bytes);
        expectSameDecode(decodeAll(createEsDecoder(), bytes, size), whole, `size ${size}`);
        const cuts = [...new Set(rawCuts.filter((c) => c < bytes.length))].sort((a, b) => a - b);
        expectSameDecode(decodeSplit(createEsDecoder(), bytes, cuts), whole, `cuts ${cuts.join(',')}`);
        if (kind === 'dvs' && chop === 0) {
          expect(tuples(whole)).toEqual(evs.filter((e) => e.x < 320 && e.y < 240).map((e) => [e.t, e.x, e.y, e.on]));
        }
      }));
  });
});

const sha3 = (a: ArrayBufferView): string =>
  createHash('sha3-224').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe.skipIf(!HAVE_SHARED)('EsDecoder on shared samples', () => {
  it('es_dvs_320x240.es matches SOURCES.md, including faery\'s SHA3-224 digests', () => {
    const bytes = sharedSample('es_dvs_320x240.es');
    const r = expectChunkingInvariant(() => createEsDecoder(), bytes, [7, 4096, 65536]);
    expectFacts(r.events, {
      events: 473225,
      first5: [[0, 0, 239, 1], [0, 1, 239, 1], [0, 2, 239, 1], [0, 3, 239, 1], [0, 4, 239, 1]],
      last: [999000, 38, 46, 1],
      tRange: [0, 999000], xRange: [0, 319], yRange: [0, 239], on: 270001, off: 203224, monotonic: true,
    });
    expect([r.error, r.skipped]).toEqual([undefined, {}]);
    expect(r.header).toEqual({ format: 'es', width: 320, height: 240, headerBytes: 20,
      metadata: { version: '2.0.0', type: 'dvs' } });
    const { t, x, y, p } = r.events;
    expect(sha3(BigUint64Array.from(t, (v) => BigInt(v)))).toBe('6f3f9af2e99d83707fd74fef3486abdd9f2f81680d3c4fcc306b1965');
    expect(sha3(x)).toBe('976eab4dc499e350481c3f568f71b2713e3ffa944bc1866f31448460');
    expect(sha3(y)).toBe('6aa82f1dfddd6948a7359816ad62f7fb2c59d00f803e4128868db87b');
    expect(sha3(Uint16Array.from(y, (v) => 239 - v))).toBe('6ccc2ff279b4fb7f87b37d128d84da6771df6b40b624bf3cd4e6622a');
    expect(sha3(p)).toBe('6f3c58f949e7c11c55707d11f739d98669882d551403c79482ab81f9');
  });

  it('decodes a prefix of es_dvs_320x240.es identically in 1-byte chunks', () => {
    const prefix = sharedSample('es_dvs_320x240.es').subarray(0, 60_003);
    const r = expectChunkingInvariant(() => createEsDecoder(), prefix, [1, 2, 5]);
    expect(r.events.t.length).toBeGreaterThan(10_000);
  });

  it('es_generic.es: 70 generic events, t and sizes as in SOURCES.md, any chunking', () => {
    const bytes = sharedSample('es_generic.es');
    const r = expectChunkingInvariant(() => createEsDecoder(), bytes, [1, 2, 3, 64]);
    expect([r.events.t.length, r.error, r.skipped]).toEqual([0, undefined, { generic: 70 }]);
    expect(r.header).toEqual({ format: 'es', width: null, height: null, headerBytes: 16,
      metadata: { version: '2.0.0', type: 'generic' } });
    const ts: number[] = [];
    const sizes: number[] = [];
    new EsGenericWalker((t, size) => (ts.push(t), sizes.push(size))).walk(bytes.subarray(16), 16);
    expect(ts.slice(0, 5)).toEqual([0, 616, 1896, 3677, 5722]);
    expect([ts.length, ts[69], sizes[0], sizes[69]]).toEqual([70, 1207922, 5, 445]);
    expect(sha3(BigUint64Array.from(ts, (v) => BigInt(v)))).toBe('4be986c09dccc23887a40a261e8b95ac8c5ab8d0812efd0f78065d78');
  });
});
