import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNmnistDecoder } from '../../src/aedat/nmnist/NmnistDecoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { expectChunkingInvariant, expectFacts, expectSameDecode } from '../helpers/facts.js';

function record(x: number, y: number, p: number, t: number): number[] {
  return [x, y, (p << 7) | ((t >> 16) & 0x7f), (t >> 8) & 0xff, t & 0xff];
}

describe('NmnistDecoder', () => {
  it('decodes records and applies overflow markers', () => {
    const bytes = new Uint8Array([
      ...record(1, 2, 1, 100), ...record(0, 240, 0, 0), ...record(33, 33, 0, 5),
    ]);
    const r = decodeAll(createNmnistDecoder({ sensor: { width: 34, height: 34 } }), bytes);
    expect(Array.from(r.events.t)).toEqual([100, 8192 + 5]);
    expect(Array.from(r.events.x)).toEqual([1, 33]);
    expect(Array.from(r.events.p)).toEqual([1, 0]);
    expect(r.skipped).toEqual({ overflow: 1 });
    expect(r.events.width).toBe(34);
    expect(r.error).toBeUndefined();
  });

  it('delivers whole records then reports a truncated tail with its offset', () => {
    const bytes = new Uint8Array([...record(1, 2, 1, 100), 7, 7]);
    const r = decodeAll(createNmnistDecoder(), bytes);
    expect(r.events.t.length).toBe(1);
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(5);
    expect(r.error?.format).toBe('nmnist');
  });

  it('gives identical output for any chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 17 }), (bytes, size) => {
        const whole = decodeAll(createNmnistDecoder(), bytes);
        expectSameDecode(decodeAll(createNmnistDecoder(), bytes, size), whole, `size ${size}`);
      }),
    );
  });
});

describe.skipIf(!HAVE_SHARED)('NmnistDecoder on shared samples', () => {
  it('nmnist_sample.bin matches SOURCES.md', () => {
    const bytes = sharedSample('nmnist_sample.bin');
    const r = expectChunkingInvariant(() => createNmnistDecoder(), bytes, [1, 7, 4096]);
    expectFacts(r.events, {
      events: 4325,
      first5: [[654, 7, 15, 1], [2999, 19, 18, 0], [3017, 21, 17, 0], [3893, 10, 18, 0], [4023, 12, 9, 1]],
      last: [311175, 21, 14, 1],
      tRange: [654, 311175], xRange: [0, 33], yRange: [0, 33], on: 2145, off: 2180, monotonic: true,
    });
    expect(r.error).toBeUndefined();
  });

  it('ncaltech101_faces_easy_0001.bin matches SOURCES.md', () => {
    const r = decodeAll(createNmnistDecoder(), sharedSample('ncaltech101_faces_easy_0001.bin'));
    expectFacts(r.events, {
      events: 67445,
      first5: [[6, 131, 2, 1], [106, 12, 146, 1], [120, 7, 128, 0], [214, 54, 94, 0], [226, 120, 46, 1]],
      last: [299364, 40, 15, 1],
      tRange: [6, 299364], xRange: [0, 150], yRange: [0, 172], on: 33770, off: 33675, monotonic: true,
    });
  });
});

describe('NmnistDecoder sensor bounds', () => {
  it('counts events outside the given sensor instead of emitting them', () => {
    const bytes = new Uint8Array([...record(40, 2, 1, 1), ...record(3, 3, 0, 2)]);
    const r = decodeAll(createNmnistDecoder({ sensor: { width: 34, height: 34 } }), bytes);
    expect(Array.from(r.events.x)).toEqual([3]);
    expect(r.skipped).toEqual({ out_of_bounds: 1 });
  });
});
