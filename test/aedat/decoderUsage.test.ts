import { describe, expect, it } from 'vitest';
import { createDecoder, openDecoder } from '../../src/aedat/openDecoder.js';
import { FORMAT_NAMES, type EventDecoder } from '../../src/aedat/core/types.js';
import { ConfigError, DecodeError } from '../../src/errors.js';
import { fixture } from '../helpers/samples.js';

/** Every decoder, each made fresh: one per format, and auto-detection before and after it chose. */
const makers: [string, () => EventDecoder][] = [
  ...FORMAT_NAMES.map((f): [string, () => EventDecoder] => [f, () => createDecoder(f, { sensor: { width: 64, height: 64 } })]),
  ['auto (nothing detected)', () => openDecoder()],
  ['auto (AEDAT 4.0 detected)', () => {
    const d = openDecoder();
    d.push(fixture('aedat4_davis346_evlib_sample.aedat4').subarray(0, 100));
    return d;
  }],
];

describe('a decoder after end()', () => {
  it.each(makers)('%s: push() and a second end() throw a ConfigError, not silence', (_, make) => {
    const d = make();
    d.end();
    expect(() => d.push(new Uint8Array([1, 2, 3, 4]))).toThrow(ConfigError);
    expect(() => d.push(new Uint8Array(0))).toThrow(/push\(\) after end\(\)/);
    expect(() => d.end()).toThrow(/end\(\) after end\(\)/);
  });

  it.each(makers)('%s: also once it has failed (failed in push: the same error until end())', (_, make) => {
    const d = make();
    const first = d.push(new Uint8Array(63).fill(0xff)); // a hostile or cut-short input for every format
    if (first.error) {
      expect(d.push(new Uint8Array(8)).error).toBe(first.error);
      expect(d.end().error).toBe(first.error);
    } else {
      expect(d.end().error).toBeInstanceOf(DecodeError);
    }
    expect(() => d.push(new Uint8Array(8))).toThrow(ConfigError);
  });

  it('auto: a decoder chosen at end() that fails on the buffered head is ended too (fuzzing found push() accepted)', () => {
    const d = openDecoder();
    expect(d.push(new TextEncoder().encode('#!AER-DAT4.1')).error).toBeUndefined(); // shorter than the 14 detection bytes
    expect(d.end().error?.message).toContain('aedat4: at byte 11: expected the magic');
    expect(() => d.push(new Uint8Array(8))).toThrow(ConfigError);
    expect(() => d.end()).toThrow(ConfigError);
  });
});
