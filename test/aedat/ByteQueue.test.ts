import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteQueue } from '../../src/aedat/core/ByteQueue.js';

describe('ByteQueue', () => {
  it('hands out contiguous views across chunk boundaries', () => {
    const q = new ByteQueue();
    q.push(new Uint8Array([1, 2]));
    q.push(new Uint8Array([3]));
    q.push(new Uint8Array([4, 5, 6]));
    expect(q.peek(7)).toBeNull();
    expect(Array.from(q.take(4)!)).toEqual([1, 2, 3, 4]);
    expect(q.length).toBe(2);
    expect(Array.from(q.takeAll())).toEqual([5, 6]);
    expect(q.take(1)).toBeNull();
  });

  it('returns the same bytes as a flat buffer for any chunking and reads', () => {
    fc.assert(fc.property(
      fc.array(fc.uint8Array({ maxLength: 9 }), { maxLength: 12 }),
      fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 20 }),
      (chunks, reads) => {
        const q = new ByteQueue();
        const flat = chunks.flatMap((c) => Array.from(c));
        chunks.forEach((c) => q.push(c));
        let at = 0;
        for (const n of reads) {
          const v = q.take(n);
          if (at + n > flat.length) { expect(v).toBeNull(); continue; }
          expect(Array.from(v!)).toEqual(flat.slice(at, at + n));
          at += n;
        }
        expect(q.length).toBe(flat.length - at);
      },
    ));
  });
});
