import { describe, expect, it } from 'vitest';
import { PrefixedHeaderReader } from '../../src/aedat/core/PrefixedHeaderReader.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';

const enc = new TextEncoder();
const hash = enc.encode('#');

function readAll(bytes: Uint8Array, chunk: number, endLine?: string) {
  const r = new PrefixedHeaderReader('test', hash, 1 << 20, endLine);
  for (let at = 0; at < bytes.length; at += chunk) {
    const h = r.feed(bytes.subarray(at, at + chunk));
    if (h) {
      const rest = [...h.rest, bytes.subarray(at + chunk)].flatMap((c) => Array.from(c));
      return { lines: h.lines, headerBytes: h.headerBytes, rest };
    }
  }
  const h = r.finish();
  return { lines: h.lines, headerBytes: h.headerBytes, rest: h.rest.flatMap((c) => Array.from(c)) };
}

describe('PrefixedHeaderReader', () => {
  it('reads LF and CRLF lines up to the first non-prefixed byte, for any chunking', () => {
    const bytes = enc.encode('#!AER-DAT2.0\r\n# a: 1\n#\r\nXYZ#');
    for (const chunk of [1, 2, 5, 100]) {
      const h = readAll(bytes, chunk);
      expect(h.lines).toEqual(['#!AER-DAT2.0', '# a: 1', '#']);
      expect(h.headerBytes).toBe(24);
      expect(String.fromCharCode(...h.rest)).toBe('XYZ#');
    }
  });

  it('stops after the end line even when data starts with the prefix', () => {
    const h = readAll(enc.encode('#x\r\n#!END-HEADER\r\n##'), 3, '#!END-HEADER');
    expect(h.lines).toEqual(['#x', '#!END-HEADER']);
    expect(h.rest.length).toBe(2);
  });

  it('accepts a header that fills the whole input and rejects a cut line', () => {
    expect(readAll(enc.encode('#a\n#b\n'), 4).lines).toEqual(['#a', '#b']);
    expect(() => readAll(enc.encode('#a\n#b'), 4)).toThrow(TruncatedInputError);
  });

  it('a header that ends inside the first chunk is read in place: the rest is a view of the chunk', () => {
    const chunk = enc.encode('#!AER-DAT2.0\r\n# a: 1\r\nDATA');
    const h = new PrefixedHeaderReader('test', hash, 1 << 20).feed(chunk)!;
    expect(h.lines).toEqual(['#!AER-DAT2.0', '# a: 1']);
    expect(h.rest.length).toBe(1);
    expect(h.rest[0]!.buffer).toBe(chunk.buffer);
    expect(String.fromCharCode(...h.rest[0]!)).toBe('DATA');
  });

  it('bounds the header size', () => {
    const r = new PrefixedHeaderReader('test', hash, 100);
    const line = new Uint8Array(1000).fill(0x23);
    expect(() => r.feed(line)).toThrow(DecodeError);
  });
});

describe('PrefixedHeaderReader opaque tail', () => {
  it('counts lines from the opaque marker in the header without decoding them', () => {
    const r = new PrefixedHeaderReader('test', hash, 1 << 20, undefined, '#Start of Preferences');
    const h = r.feed(enc.encode('#!AER-DAT2.0\r\n# AEChip: X\r\n#Start of Preferences\r\n#<xml/>\r\nDATA'))!;
    expect(h.lines).toEqual(['#!AER-DAT2.0', '# AEChip: X']);
    expect(h.headerBytes).toBe(59);
  });
});
