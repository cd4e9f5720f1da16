import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPropheseeDecoder, type PropheseeOptions } from '../../src/aedat/prophesee/PropheseeDecoder.js';
import { cameraGeometry } from '../../src/aedat/prophesee/cameraGeometry.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { dat, evt2, evt3, header } from './propheseeEncoders.js';

const bytesOf = (...parts: number[][]) => new Uint8Array(parts.flat());
const decode = (bytes: Uint8Array, opts: PropheseeOptions = {}, chunk?: number) =>
  decodeAll(createPropheseeDecoder(opts), bytes, chunk);
const evt2Body = [...evt2.timeHigh(1), ...evt2.cd(700, 500, 1, 2)];
const evt3Body = [...evt3.time(4096 + 2), ...evt3.addrY(500), ...evt3.addrX(700, 1)];

describe('Prophesee header', () => {
  it('reads capitalised keywords, CRLF lines and stops at % end even if data starts with "% "', () => {
    // 0x25 0x20 is the LE EVT 3.0 word 0x2025 = ADDR_X x=37: data, not a header line.
    const head = header(['Date 2020-01-01', 'EVT 3.0', 'end'], '\r\n');
    const r = decode(bytesOf(head, evt3.time(1), evt3.addrY(2), [0x25, 0x20]));
    expect(r.header).toMatchObject({ format: 'evt3', width: null, height: null });
    expect(r.header?.metadata).toEqual({ Date: '2020-01-01', EVT: '3.0' });
    expect(Array.from(r.events.x)).toEqual([37]);
    expect(r.header?.headerBytes).toBe(header(['Date 2020-01-01', 'EVT 3.0', 'end'], '\r\n').length);
  });

  it('takes the encoding and size from % format, over % evt and the camera model', () => {
    const head = header(['evt 2.0', 'plugin_name hal_plugin_gen41_evk3', 'format EVT3;height=600;width=800']);
    const r = decode(bytesOf(head, evt3Body));
    expect(r.header).toMatchObject({ format: 'evt3', width: 800, height: 600 });
    expect(Array.from(r.events.x)).toEqual([700]);
  });

  it('prefers % geometry, then % format options; both over the sensor option', () => {
    const sensor = { width: 10, height: 10 };
    const g = decode(bytesOf(header(['format EVT2;width=64;height=64', 'geometry 1280x720']), evt2Body), { sensor });
    expect(g.header).toMatchObject({ format: 'evt2', width: 1280, height: 720 });
    expect(g.events.t.length).toBe(1);
    const f = decode(bytesOf(header(['format EVT2;width=64;height=64']), evt2Body), { sensor });
    expect(f.header).toMatchObject({ width: 64, height: 64 });
    expect(f.skipped).toEqual({ out_of_bounds: 1 });
  });

  it('lets the sensor option override the camera-model guess', () => {
    const head = header(['plugin_name hal_plugin_gen3_fx3', 'evt 2.0']);
    expect(decode(bytesOf(head, evt2Body)).header).toMatchObject({ width: 640, height: 480 });
    const r = decode(bytesOf(head, evt2Body), { sensor: { width: 1000, height: 1000 } });
    expect(r.header).toMatchObject({ width: 1000, height: 1000 });
    expect(r.events.width).toBe(1000);
    expect(r.events.t.length).toBe(1);
  });

  it('guesses the size from plugin_name, system_ID or generation (cameraGeometry table)', () => {
    const g = (kv: Record<string, string>) => cameraGeometry((k) => kv[k]);
    expect(g({ plugin_name: 'hal_plugin_gen3_fx3' })).toEqual({ width: 640, height: 480 });
    expect(g({ plugin_name: 'hal_plugin_gen31_evk2' })).toEqual({ width: 640, height: 480 });
    expect(g({ plugin_name: 'HAL_PLUGIN_IMX636_EVK4' })).toEqual({ width: 1280, height: 720 });
    expect(g({ plugin_name: 'hal_plugin_genx320_evk3' })).toEqual({ width: 320, height: 320 });
    expect(g({ system_id: '48' })).toEqual({ width: 1280, height: 720 });
    expect(g({ system_id: '21' })).toEqual({ width: 640, height: 480 });
    expect(g({ system_id: '0x40' })).toEqual({ width: 320, height: 320 });
    expect(g({ sensor_generation: '4.2' })).toEqual({ width: 1280, height: 720 });
    expect(g({ plugin_name: 'someone_else', system_id: '999' })).toBeNull();
  });

  it('without any size, reports null and carries the 11-bit address range', () => {
    const r = decode(bytesOf(header(['evt 2.0']), evt2Body));
    expect(r.header).toMatchObject({ width: null, height: null });
    expect(r.events.width).toBe(2048);
    expect(r.events.t.length).toBe(1);
  });

  it('detects DAT from % Version alone and joins repeated keywords', () => {
    const r = decode(bytesOf(dat.header(['Version 2', 'Date a', 'Date b']), dat.cd(1, 2, 3, 1)));
    expect(r.header).toMatchObject({ format: 'dat', metadata: { Version: '2', Date: 'a\nb' } });
    expect(r.events.t.length).toBe(1);
  });

  it('lets the encoding option override the header', () => {
    const r = decode(bytesOf(header(['evt 3.0']), evt2Body), { encoding: 'evt2' });
    expect(r.header?.format).toBe('evt2');
    expect(Array.from(r.events.t)).toEqual([66]);
    expect(decode(bytesOf(header(['evt 2.1']), evt2Body), { encoding: 'evt2' }).error).toBeUndefined();
  });
});

describe('Prophesee hostile input', () => {
  const expectDecodeError = (r: ReturnType<typeof decode>, offset: number, format: string) => {
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error).not.toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(offset);
    expect(r.error?.format).toBe(format);
    expect(r.events.t.length).toBe(0);
  };

  it('rejects EVT 2.1 and unknown formats as unsupported, at the end of the header', () => {
    for (const line of ['evt 2.1', 'format EVT21;height=720;width=1280', 'format AER-8b', 'evt 4.0']) {
      const head = header(['Date x', line]);
      const r = decode(bytesOf(head, evt2Body));
      expectDecodeError(r, head.length, 'prophesee');
      expect(r.error?.message).toMatch(/unsupported/);
    }
  });

  it('asks for the encoding when neither header nor option names it', () => {
    expectDecodeError(decode(bytesOf(evt2Body)), 0, 'prophesee');
    expect(decode(bytesOf(evt2Body)).error?.message).toMatch(/encoding/);
    expectDecodeError(decode(bytesOf(header(['Date 2020']), evt2Body)), header(['Date 2020']).length, 'prophesee');
    expect(decode(new Uint8Array(0)).error).toBeInstanceOf(DecodeError);
  });

  it('decodes a header-less body as the encoding option, from byte 0', () => {
    const r = decode(bytesOf(evt3Body), { encoding: 'evt3' });
    expect(r.header).toMatchObject({ format: 'evt3', headerBytes: 0, width: null });
    expect(Array.from(r.events.t)).toEqual([4098]);
  });

  it('rejects malformed size lines', () => {
    for (const line of ['geometry 640by480', 'geometry 0x480', 'format EVT3;width=abc;height=1', 'Width 640']) {
      const head = header(['evt 3.0', line]);
      expectDecodeError(decode(bytesOf(head, evt3Body)), head.length, 'evt3');
    }
  });

  it('stops a huge header without newline at maxHeaderBytes, without hanging', () => {
    const bytes = new Uint8Array(1 << 20).fill(0x41);
    bytes.set([0x25, 0x20]);
    const r = decode(bytes, { maxHeaderBytes: 4096 }, 1000);
    expectDecodeError(r, 0, 'prophesee');
  });

  it('reports a header line cut by the end of input as truncated, at the line start', () => {
    const head = header(['evt 2.0']);
    const r = decode(bytesOf(head, [0x25, 0x20, 0x61]));
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(head.length);
  });

  it('returns the same error and no events after a failure', () => {
    const d = createPropheseeDecoder();
    const first = d.push(bytesOf(header(['evt 2.1']), evt2Body));
    expect(first.error).toBeInstanceOf(DecodeError);
    const again = d.push(bytesOf(evt2Body));
    expect(again.error).toBe(first.error);
    expect(again.events.t.length).toBe(0);
    expect(d.end().error).toBe(first.error);
  });

  it('delivers the good prefix for every truncation of a small file', () => {
    for (const [head, body, unit] of [[header(['evt 2.0']), evt2Body, 4], [header(['evt 3.0']), evt3Body, 2]] as const) {
      const full = bytesOf(head, body, body);
      const all = decode(full);
      for (let cut = 0; cut < full.length; cut++) {
        const r = decode(full.subarray(0, cut), {}, 3);
        expect(r.error === undefined || r.error instanceof DecodeError).toBe(true);
        const n = r.events.t.length;
        expect(Array.from(r.events.t)).toEqual(Array.from(all.events.t.subarray(0, n)));
        if (cut > head.length && (cut - head.length) % unit !== 0) {
          expect(r.error).toBeInstanceOf(TruncatedInputError);
          expect(r.error?.offsetBytes).toBe(cut - ((cut - head.length) % unit));
        }
      }
    }
  });

  it('never throws on random bytes, with or without a header, for any chunking', () => {
    const prefix = fc.constantFrom([], header(['evt 2.0']), header(['evt 3.0']), dat.header(['Version 2']), [0x25, 0x20]);
    const encodings = fc.constantFrom<PropheseeOptions['encoding']>(undefined, 'evt2', 'evt3', 'dat');
    fc.assert(fc.property(prefix, fc.uint8Array({ maxLength: 300 }), encodings, fc.integer({ min: 1, max: 50 }),
      (head, tail, encoding, size) => {
        const bytes = bytesOf(head, Array.from(tail));
        const opts = encoding === undefined ? {} : { encoding };
        const a = decode(bytes, opts);
        const b = decode(bytes, opts, size);
        expect(a.error === undefined || a.error instanceof DecodeError).toBe(true);
        expect(b.events.t.length).toBe(a.events.t.length);
        expect(b.error?.message).toBe(a.error?.message);
      }));
  });
});
