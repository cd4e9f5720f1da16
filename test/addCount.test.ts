import { describe, expect, it } from 'vitest';
import { addCount } from '../src/addCount.js';

describe('addCount', () => {
  it('creates a key on first use, adds later counts, and ignores zeros', () => {
    const counts: Partial<Record<'a' | 'b' | 'c', number>> = {};
    addCount(counts, 'a');
    addCount(counts, 'a', 4);
    addCount(counts, 'b', 2);
    addCount(counts, 'c', 0);
    expect(counts).toEqual({ a: 5, b: 2 });
  });
});
