import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/aedat/core/ColumnBuilder.js';

const SENSOR = { width: 10, height: 10 };

describe('ColumnBuilder', () => {
  it('owning (default): each batch has arrays of its own and the builder starts over', () => {
    const b = new ColumnBuilder();
    b.push(1, 2, 3, 1);
    b.push(2, 3, 4, 0);
    const first = b.finish(SENSOR);
    b.push(9, 9, 9, 1);
    const second = b.finish(SENSOR);
    expect([...first.t, ...second.t]).toEqual([1, 2, 9]);
    expect(first.t.buffer).not.toBe(second.t.buffer);
  });

  it('lending: batches are views that stay valid, written one after another, until rewind', () => {
    const b = new ColumnBuilder(true);
    b.reserve(3);
    b.push(1, 1, 1, 1);
    b.push(2, 2, 2, 0);
    const first = b.finish(SENSOR);
    for (let i = 0; i < 5000; i++) b.push(10 + i, 3, 3, 1); // grows: the first batch keeps its own copy
    const second = b.finish(SENSOR);
    expect([...first.t]).toEqual([1, 2]);
    expect([...first.p]).toEqual([1, 0]);
    expect(second.t.length).toBe(5000);
    expect(second.t[0]).toBe(10);
    expect(second.t.buffer).toBe(b.t.buffer); // a view, not a copy
    b.release(); // a decoder is done: a lending builder keeps its scratch for the next
    expect(b.t.length).toBeGreaterThanOrEqual(5002);
    b.rewind();
    b.push(7, 7, 7, 1);
    const third = b.finish(SENSOR);
    expect([...third.t]).toEqual([7]);
    expect(third.t.buffer).toBe(second.t.buffer); // the same scratch, written again from its start
    expect(b.t[0]).toBe(7);
    expect(b.finish(SENSOR).t.length).toBe(0);
  });
});
