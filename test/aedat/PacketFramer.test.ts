import { describe, expect, it } from 'vitest';
import { Cursor } from '../../src/aedat/aedat4/Cursor.js';
import { PacketFramer } from '../../src/aedat/aedat4/PacketFramer.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { concat, i32pair } from './Aedat4Fixtures.js';

function cursorAt(offset: number, ...parts: Uint8Array[]): Cursor {
  const c = new Cursor();
  c.offset = offset;
  for (const p of parts) c.queue.push(p);
  return c;
}

describe('PacketFramer (AEDAT 4.0 packet framing phase)', () => {
  it('waits for a whole packet, then hands it over without consuming it', () => {
    const framer = new PacketFramer(1024, -1);
    const c = cursorAt(100, i32pair(7, 3), new Uint8Array([1, 2]));
    expect(framer.next(c)).toBeNull();
    c.queue.push(new Uint8Array([3, 9]));
    const p = framer.next(c);
    expect(p).toMatchObject({ streamId: 7, size: 3, bodyAt: 108, totalBytes: 11 });
    expect(p !== null && p !== 'table' && Array.from(p.body)).toEqual([1, 2, 3]);
    expect(c.queue.length).toBe(12);
  });

  it('refuses a Size over the limit, or one crossing the table, from the header alone', () => {
    expect(() => new PacketFramer(1024, -1).next(cursorAt(0, i32pair(0, 1025)))).toThrow(DecodeError);
    expect(() => new PacketFramer(1024, -1).next(cursorAt(0, i32pair(0, -1)))).toThrow(/a packet Size in 0\.\.1024/);
    expect(() => new PacketFramer(1024, 50).next(cursorAt(40, i32pair(0, 3)))).toThrow(/ending by dataTablePosition 50/);
  });

  it('stops at dataTablePosition and names what is missing at the end of input', () => {
    expect(new PacketFramer(1024, 40).next(cursorAt(40, new Uint8Array(9)))).toBe('table');
    expect(new PacketFramer(1024, -1).truncation(cursorAt(40))).toBeUndefined();
    expect(new PacketFramer(1024, 90).truncation(cursorAt(40))?.message).toContain('the FileDataTable at 90');
    const cut = new PacketFramer(1024, -1).truncation(cursorAt(40, concat([i32pair(0, 500), new Uint8Array(10)])));
    expect(cut).toBeInstanceOf(TruncatedInputError);
    expect(cut?.message).toBe('aedat4: at byte 40: expected a whole packet: the packet announces 508 bytes (8 header + Size), ' +
      'got the file ends after 18 of them');
  });
});
