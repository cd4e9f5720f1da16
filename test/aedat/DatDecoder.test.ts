import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPropheseeDecoder } from '../../src/aedat/prophesee/PropheseeDecoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { expectChunkingInvariant, expectFacts, expectSameDecode } from '../helpers/facts.js';
import { dat, header } from './propheseeEncoders.js';
import type { PropheseeOptions } from '../../src/aedat/prophesee/PropheseeDecoder.js';

const NCARS = ['Data file containing N9Chronocam7Event2dE events.', 'Version 2', 'Date 2017-10-31 11:27:54'];
const CD = ['Data file containing CD events', 'Version 2', 'Width 640', 'Height 480'];
const bytesOf = (...parts: number[][]) => new Uint8Array(parts.flat());
const decode = (bytes: Uint8Array, opts: PropheseeOptions = {}, chunk?: number) =>
  decodeAll(createPropheseeDecoder(opts), bytes, chunk);
const events = (r: ReturnType<typeof decode>) =>
  Array.from(r.events.t, (t, i) => [t, r.events.x[i], r.events.y[i], r.events.p[i]]);

describe('DAT decoding', () => {
  it('decodes Event2d (type 0) records: x bits 0-13, y bits 14-27, p bit 28', () => {
    const r = decode(bytesOf(dat.header(NCARS), dat.cd(0, 6, 18, 1), dat.cd(66, 16383, 16383, 0)));
    expect(events(r)).toEqual([[0, 6, 18, 1], [66, 16383, 16383, 0]]);
    expect(r.header).toMatchObject({ format: 'dat', width: null, height: null, headerBytes: header(NCARS).length + 2 });
    expect(r.events.width).toBe(16384);
  });

  it('decodes EventCD (type 12), takes % Width / % Height and drops events outside them', () => {
    const r = decode(bytesOf(dat.header(CD, 12, 8), dat.cd(5, 639, 479, 1), dat.cd(6, 640, 0, 1), dat.cd(7, 0, 480, 0)));
    expect(events(r)).toEqual([[5, 639, 479, 1]]);
    expect(r.skipped).toEqual({ out_of_bounds: 2 });
    expect(r.header).toMatchObject({ width: 640, height: 480 });
    expect(r.header?.metadata).toMatchObject({ Width: '640', Height: '480', Version: '2' });
  });

  it('decodes external triggers (type 14): value bits 0-3, id bits 26-31', () => {
    const r = decode(bytesOf(dat.header(CD, 14, 8), dat.trigger(100, 1, 63), dat.trigger(200, 0, 1)));
    expect(r.events.t.length).toBe(0);
    expect(r.triggers).toEqual([{ streamId: 0, t: 100, type: 63, value: 1 }, { streamId: 0, t: 200, type: 1, value: 0 }]);
  });

  it('skips records of other types by type, with their own size', () => {
    expect(decode(bytesOf(dat.header(CD, 40, 36), Array(72).fill(1))).skipped).toEqual({ optical_flow: 2 });
    expect(decode(bytesOf(dat.header(CD, 99, 3), Array(9).fill(1))).skipped).toEqual({ unknown_type_99: 3 });
  });

  it('rejects an event size that disagrees with the type, at the size byte', () => {
    for (const [type, size] of [[0, 4], [12, 255], [14, 16], [40, 8], [7, 0]] as const) {
      const head = dat.header(CD, type, size);
      const r = decode(bytesOf(head, Array(64).fill(0)));
      expect(r.error).toBeInstanceOf(DecodeError);
      expect(r.error?.offsetBytes).toBe(head.length - 1);
      expect(r.error?.format).toBe('dat');
      expect(r.events.t.length).toBe(0);
    }
  });

  it('unwraps the 32-bit time on a backward step of more than 2^31 µs only', () => {
    const r = decode(bytesOf(dat.header(NCARS), dat.cd(2 ** 32 - 10, 1, 1, 1), dat.cd(2 ** 32 - 20, 1, 1, 1),
      dat.cd(5, 1, 1, 1), dat.cd(2 ** 32 - 1, 1, 1, 1), dat.cd(3, 1, 1, 0)));
    expect(Array.from(r.events.t)).toEqual([2 ** 32 - 10, 2 ** 32 - 20, 2 ** 32 + 5, 2 ** 32 + 2 ** 32 - 1, 2 ** 33 + 3]);
  });

  it('decodes a header-less DAT with encoding "dat" as type 0, 8-byte records from byte 0', () => {
    const opts = { encoding: 'dat', sensor: { width: 120, height: 100 } } as const;
    const r = decode(bytesOf(dat.cd(1, 2, 3, 1), dat.cd(4, 5, 6, 0)), opts);
    expect(events(r)).toEqual([[1, 2, 3, 1], [4, 5, 6, 0]]);
    expect(r.header).toMatchObject({ format: 'dat', width: 120, height: 100, headerBytes: 0, metadata: {} });
  });

  it('reports missing type bytes and partial records as truncated', () => {
    const head = header(NCARS);
    const noType = decode(bytesOf(head, [0]));
    expect(noType.error).toBeInstanceOf(TruncatedInputError);
    expect(noType.error?.offsetBytes).toBe(head.length);
    expect(noType.header).toBeNull();
    for (let cut = 1; cut < 8; cut++) {
      const good = bytesOf(dat.header(NCARS), dat.cd(1, 1, 1, 1));
      const r = decode(bytesOf(Array.from(good), dat.cd(2, 2, 2, 0).slice(0, cut)));
      expect(r.events.t.length).toBe(1);
      expect(r.error).toBeInstanceOf(TruncatedInputError);
      expect(r.error?.offsetBytes).toBe(good.length);
    }
  });

  it('gives identical output for any chunking (property)', () => {
    const rec = fc.tuple(fc.nat(2 ** 32 - 1), fc.nat(0x3fff), fc.nat(0x3fff), fc.nat(1))
      .map(([t, x, y, p]) => dat.cd(t, x, y, p));
    const types = fc.constantFrom(0, 12, 14);
    fc.assert(fc.property(types, fc.array(rec, { maxLength: 30 }), fc.nat(7), fc.integer({ min: 1, max: 21 }),
      (type, recs, extra, size) => {
        const bytes = bytesOf(dat.header(CD, type, 8), ...recs, Array(extra).fill(3));
        expectSameDecode(decode(bytes, {}, size), decode(bytes), `chunk ${size}`);
      }));
  });
});

describe('DAT records of odd sizes', () => {
  it('counts whole skipped records and truncates the rest, for any chunking (property)', () => {
    const sizes = fc.integer({ min: 1, max: 40 });
    fc.assert(fc.property(sizes, fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 13 }),
      (size, body, chunk) => {
        const head = dat.header(CD, 99, size);
        const r = decode(bytesOf(head, Array.from(body)), {}, chunk);
        const whole = Math.floor(body.length / size);
        expect(r.skipped).toEqual(whole > 0 ? { unknown_type_99: whole } : {});
        if (body.length % size === 0) expect(r.error).toBeUndefined();
        else expect(r.error?.offsetBytes).toBe(head.length + whole * size);
      }));
  });
});

describe.skipIf(!HAVE_SHARED)('DAT on dat_ncars_obj_004397_td.dat', () => {
  const facts = {
    events: 4407,
    first5: [[0, 6, 18, 1], [66, 42, 35, 0], [89, 38, 19, 0], [94, 27, 24, 1], [95, 41, 38, 1]],
    last: [99937, 48, 47, 1],
    tRange: [0, 99937], xRange: [0, 53], yRange: [1, 60], on: 1671, off: 2736, monotonic: true,
  } as const;

  it('matches the SOURCES.md facts in 1-byte and other chunks', () => {
    const file = sharedSample('dat_ncars_obj_004397_td.dat');
    const r = expectChunkingInvariant(() => createPropheseeDecoder(), file, [1, 7, 4096]);
    expectFacts(r.events, facts);
    expect(r.error).toBeUndefined();
    expect(r.skipped).toEqual({});
    expect(r.header).toMatchObject({ format: 'dat', width: null, height: null, headerBytes: 93 });
    expect(r.header?.metadata).toEqual({
      Data: 'file containing N9Chronocam7Event2dE events.', Version: '2', Date: '2017-10-31 11:27:54',
    });
  });

  it('keeps every event inside the N-CARS 120x100 size given as an option', () => {
    const r = decode(sharedSample('dat_ncars_obj_004397_td.dat'), { sensor: { width: 120, height: 100 } });
    expectFacts(r.events, facts);
    expect(r.events.width).toBe(120);
    expect(r.header).toMatchObject({ width: 120, height: 100 });
  });
});
