import { describe, expect, it } from 'vitest';
import { describeByte, hexBytes } from '../../src/aedat/core/describeBytes.js';

describe('describeBytes', () => {
  it('shows a byte as hex, with the character when printable', () => {
    expect([describeByte(0x41), describeByte(0), describeByte(0x7f), describeByte(0xff)]).toEqual(["0x41 ('A')", '0x00', '0x7f', '0xff']);
  });

  it('shows the first bytes as hex pairs, "none" for no bytes', () => {
    expect(hexBytes(new Uint8Array([4, 0x22, 0x4d, 0x18, 9]), 4)).toBe('04 22 4d 18');
    expect(hexBytes(new Uint8Array([1]), 8)).toBe('01');
    expect(hexBytes(new Uint8Array(0), 8)).toBe('none');
  });
});
