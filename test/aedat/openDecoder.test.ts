import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFormat } from '../../src/aedat/detectFormat.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { summaryBuilder } from '../../src/aedat/summarize.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { fixture } from '../helpers/samples.js';
import { expectSameDecode } from '../helpers/facts.js';

const enc = new TextEncoder();

describe('detectFormat', () => {
  it('recognises every magic and the magic-less formats by extension', () => {
    expect(detectFormat(enc.encode('#!AER-DAT4.0\r\n'))).toEqual({ kind: 'format', format: 'aedat4' });
    expect(detectFormat(enc.encode('#!AER-DAT3.1\r\n'))).toEqual({ kind: 'format', format: 'aedat3' });
    expect(detectFormat(enc.encode('#!AER-DAT2.0\n#'))).toEqual({ kind: 'format', format: 'aedat2' });
    expect(detectFormat(enc.encode('Event Stream\x02\x00\x00\x01'))).toEqual({ kind: 'format', format: 'es' });
    expect(detectFormat(enc.encode('% evt 3.0\n'))).toEqual({ kind: 'prophesee' });
    expect(detectFormat(new Uint8Array([1, 2, 3]), 'x/A.BIN')).toEqual({ kind: 'format', format: 'nmnist' });
    expect(detectFormat(new Uint8Array([1, 2, 3]), 'td.dat')).toEqual({ kind: 'format', format: 'dat' });
    expect(detectFormat(enc.encode('# old AEDAT 1.0')).kind).toBe('unknown');
    expect(detectFormat(new Uint8Array(0)).kind).toBe('truncated');
    expect(detectFormat(enc.encode('#!AER')).kind).toBe('truncated');
  });
});

describe('openDecoder', () => {
  it('auto-detects in any chunking, including chunks shorter than the magic', () => {
    const bytes = fixture('dat_ncars_obj_004397_td.dat');
    const whole = decodeAll(openDecoder(), bytes);
    expect(whole.header?.format).toBe('dat');
    expect(whole.events.t.length).toBe(4407);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), (size) => {
      expectSameDecode(decodeAll(openDecoder(), bytes, size), whole, `chunk ${size}`);
    }), { numRuns: 20 });
  });

  it('decodes a short magic-less input that ends before detection could finish', () => {
    const r = decodeAll(openDecoder({ fileName: 'a.bin' }), new Uint8Array([1, 2, 0x80, 0, 9]));
    expect(Array.from(r.events.t)).toEqual([9]);
    expect(r.error).toBeUndefined();
  });

  it('rejects unknown and empty input with a typed error at offset 0', () => {
    for (const bytes of [new Uint8Array(0), enc.encode('hello'), enc.encode('just some text file')]) {
      const r = decodeAll(openDecoder(), bytes);
      expect(r.error).toBeInstanceOf(DecodeError);
      expect([r.error?.format, r.error?.offsetBytes]).toEqual(['auto', 0]);
    }
  });

  it('reports a 1-byte .aedat4 as a magic cut short, not as AEDAT 1.0', () => {
    const r = decodeAll(openDecoder({ fileName: 'rec.aedat4' }), enc.encode('#'));
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.message).toBe('auto: at byte 0: expected the rest of the magic "#!AER-DAT" (AEDAT 4.0, AEDAT 3.x, AEDAT 2.0), ' +
      'got an input that ends after 1 byte');
    expect(decodeAll(openDecoder(), enc.encode('Event St')).error?.message).toContain('"Event Stream" (Event Stream (ES))');
    expect(decodeAll(openDecoder(), enc.encode('%')).error?.message).toContain('"% " (Prophesee');
  });

  it('names empty input, an AEDAT 1.0 header and unknown magics clearly', () => {
    const empty = decodeAll(openDecoder(), new Uint8Array(0)).error;
    expect(empty).toBeInstanceOf(TruncatedInputError);
    expect(empty?.message).toContain('expected an event file (AEDAT 2.0/3.x/4.0, EVT 2.0/3.0, DAT, ES or N-MNIST), got an empty input (0 bytes)');
    expect(decodeAll(openDecoder(), enc.encode('# old AEDAT 1.0 file\n')).error?.message).toContain('AEDAT 1.0 is not supported');
    const unknown = decodeAll(openDecoder(), enc.encode('just some text file')).error;
    expect(unknown).not.toBeInstanceOf(TruncatedInputError);
    expect(unknown?.message).toContain('no known magic (first bytes: 6a 75 73 74 20 73 6f 6d; known: "#!AER-DAT4.", ');
    expect(unknown?.message).toContain('pass the file name or the format');
  });

  it('honours an explicit format over the content', () => {
    const r = decodeAll(openDecoder({ format: 'nmnist', sensor: { width: 34, height: 34 } }), fixture('nmnist_sample.bin'));
    expect(r.events.t.length).toBe(4325);
    expect(r.header?.width).toBe(34);
  });
});

describe('summaryBuilder', () => {
  it('summarises outputs in bounded memory', () => {
    const d = openDecoder({ fileName: 'n.bin' });
    const s = summaryBuilder();
    const bytes = fixture('nmnist_sample.bin');
    for (let at = 0; at < bytes.length; at += 1000) s.add(d.push(bytes.subarray(at, at + 1000)));
    s.add(d.end());
    expect(s.finish(d)).toMatchObject({
      format: 'nmnist', events: 4325, on: 2145, off: 2180, tStart: 654, tEnd: 311175,
      first: { t: 654, x: 7, y: 15, p: 1 }, last: { t: 311175, x: 21, y: 14, p: 1 }, error: null,
    });
  });
});
