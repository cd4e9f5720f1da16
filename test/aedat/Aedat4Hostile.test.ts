import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAedat4Decoder } from '../../src/aedat/aedat4/Aedat4Decoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { buildFile, concat, evtsPacket, i32pair, imuPacket, u32le } from './Aedat4Fixtures.js';

const events = (n: number, t0: number) => Array.from({ length: n }, (_, i) => ({ t: t0 + i, x: i % 64, y: i % 48, p: i & 1 }));
const headerEnd = (file: Uint8Array) => 18 + new DataView(file.buffer, file.byteOffset).getUint32(14, true);

/** Decodes and checks the contract: never throws, errors are DecodeErrors. */
function decode(bytes: Uint8Array, chunk?: number) {
  const r = decodeAll(createAedat4Decoder({ maxPacketBytes: 1 << 20 }), bytes, chunk);
  if (r.error !== undefined) expect(r.error).toBeInstanceOf(DecodeError);
  return r;
}

/** A file with `packets` on top of a valid header, for hand-made packet bodies. */
function withPacket(compression: 'NONE' | 'LZ4' | 'ZSTD', streamId: number, body: Uint8Array): Uint8Array {
  const base = buildFile([], { compression, table: false });
  return concat([base, i32pair(streamId, body.length), body]);
}

describe('Aedat4Decoder on hostile input', () => {
  it.each(['NONE', 'LZ4', 'ZSTD'] as const)('reports truncation at every cut of a %s file, after the whole packets', (c) => {
    const packets = [events(5, 100), events(7, 200), events(3, 300)].map((e) => ({ streamId: 0, fb: evtsPacket(e) }));
    const file = buildFile([...packets, { streamId: 2, fb: imuPacket([{ t: 1, temperature: 2, v: 3 }]) }], {
      compression: c, streams: [{ id: 0, type: 'EVTS', width: 64, height: 48 }, { id: 2, type: 'IMUS' }],
    });
    const ends: number[] = []; // file offset after each packet
    for (let at = headerEnd(file), k = 0; k < 4; k++) {
      at += 8 + new DataView(file.buffer).getInt32(at + 4, true);
      ends.push(at);
    }
    const counts = [5, 12, 15, 15];
    for (let cut = 0; cut < file.length; cut++) {
      const r = decode(file.subarray(0, cut));
      expect(r.error, `cut ${cut}`).toBeInstanceOf(TruncatedInputError);
      const whole = ends.filter((e) => e <= cut).length;
      expect(r.events.t.length, `cut ${cut}`).toBe(whole === 0 ? 0 : counts[whole - 1]);
      const expectedAt = cut < 14 ? 0 : cut < 18 ? 14 : cut < headerEnd(file) ? 18 : whole === 4 ? ends[3] : whole === 0 ? headerEnd(file) : ends[whole - 1];
      expect(r.error!.offsetBytes, `cut ${cut}`).toBe(expectedAt);
    }
    expect(decode(file).error).toBeUndefined();
  });

  it('names the size a corrupt packet header announces when the file ends before it (200 MiB, under the limit, no table)', () => {
    const file = buildFile([{ streamId: 0, fb: evtsPacket(events(5, 100)) }, { streamId: 0, fb: evtsPacket(events(4, 200)) }],
      { compression: 'NONE', table: false });
    const second = headerEnd(file) + 8 + new DataView(file.buffer).getInt32(headerEnd(file) + 4, true);
    new DataView(file.buffer).setInt32(second + 4, 200 << 20, true);
    const r = decodeAll(createAedat4Decoder(), file, 4096);
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.error?.message).toBe(`aedat4: at byte ${second}: expected a whole packet: the packet announces ${8 + (200 << 20)} bytes ` +
      `(8 header + Size), got the file ends after ${file.length - second} of them`);
    expect(r.events.t.length).toBe(5);
    const cutHead = decodeAll(createAedat4Decoder(), file.subarray(0, second + 5));
    expect(cutHead.error?.message).toContain('expected an 8-byte packet header (StreamID, Size), got the input ends after 5 bytes');
  });

  it('reports a hostile flatbuffer offset where it was read, not where it points (once a negative file offset)', () => {
    const file = buildFile([{ streamId: 0, fb: evtsPacket(events(5, 100)) }], { compression: 'NONE', table: false });
    const dv = new DataView(file.buffer);
    const fbAt = headerEnd(file) + 8 + 4; // packet header, then the size prefix
    const table = fbAt + dv.getUint32(fbAt, true);
    dv.setInt32(table, 0x7fffffff, true); // soffset to the vtable: points 2 GiB before the buffer
    const r = decode(file);
    expect(r.error?.offsetBytes).toBe(table);
    expect(r.error?.message).toContain(`expected a vtable within the`);
    expect(r.error?.message).toContain(`got position ${table - fbAt - 0x7fffffff}`);
  });

  it('rejects a wrong magic at its first differing byte', () => {
    const aedat3 = new TextEncoder().encode('#!AER-DAT3.1\r\n#!END-HEADER\r\n');
    const r = decode(aedat3);
    expect(r.error).not.toBeInstanceOf(TruncatedInputError);
    expect(r.error?.offsetBytes).toBe(9); // "3" where "4" belongs
    expect(decode(new TextEncoder().encode('% evt 3.0\n'), 1).error?.offsetBytes).toBe(0);
  });

  it('refuses absurd IOHeader and packet sizes without waiting or allocating', () => {
    const magic = buildFile([]).subarray(0, 14);
    const big = decode(concat([magic, u32le(0x7fffffff), new Uint8Array(100)]));
    expect(big.error?.offsetBytes).toBe(14);
    expect(big.error).not.toBeInstanceOf(TruncatedInputError);
    for (const size of [0x7fffffff, -1, -(2 ** 31), (1 << 20) + 1]) {
      const base = buildFile([], { table: false });
      const r = decode(concat([base, i32pair(0, size), new Uint8Array(16)]));
      expect(r.error, `size ${size}`).not.toBeInstanceOf(TruncatedInputError);
      expect(r.error?.offsetBytes, `size ${size}`).toBe(base.length + 4);
    }
  });

  it('refuses LZ4 frames that are garbage or declare 4 GB', () => {
    const garbage = decode(withPacket('LZ4', 0, new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0, 0xff, 0xff, 0, 0, 9, 9])));
    expect(garbage.error).toBeInstanceOf(DecodeError);
    // FLG with content size, BD 64 KB, content size 2^32, then an empty block list
    const huge = new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x48, 0x40, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = decode(withPacket('LZ4', 0, huge));
    expect(r.error?.expected).toMatch(/content size <=/);
    expect(r.error?.offsetBytes).toBe(headerEnd(withPacket('LZ4', 0, huge)) + 8 + 6);
    // a match reaching before the output start
    const badMatch = new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0, 3, 0, 0, 0, 0x00, 0x05, 0x00, 0, 0, 0, 0]);
    expect(decode(withPacket('LZ4', 0, badMatch)).error?.expected).toMatch(/match within/);
  });

  it('refuses zstd frames that are garbage or declare 4 GB', () => {
    const garbage = decode(withPacket('ZSTD', 0, new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58, 0xff, 0xff, 0xff, 1, 2])));
    expect(garbage.error).toBeInstanceOf(DecodeError);
    // FHD: 8-byte content size, single segment; FCS 2^32; one empty raw last block
    const huge = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(decode(withPacket('ZSTD', 0, huge)).error?.expected).toMatch(/decompressed size and window <=/);
    // no content size, window 2^41 claimed
    const window = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 1, 0, 0]);
    expect(decode(withPacket('ZSTD', 0, window)).error?.expected).toMatch(/window <=/);
    // a compressed block of garbage inside a well-formed frame header
    const bad = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x10, 0x2d, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(decode(withPacket('ZSTD', 0, bad)).error).toBeInstanceOf(DecodeError);
  });

  it('bounds-checks every flatbuffer offset (DecodeError, never RangeError)', () => {
    const good = evtsPacket([{ t: 1, x: 1, y: 1, p: 1 }, { t: 2, x: 2, y: 2, p: 0 }]);
    const dvOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.length);
    const variants: [string, (b: Uint8Array) => void][] = [
      ['root offset', (b) => dvOf(b).setUint32(4, 0xfffffff0, true)],
      ['vtable', (b) => dvOf(b).setInt32(4 + dvOf(b).getUint32(4, true), -100000, true)],
      ['size prefix', (b) => dvOf(b).setUint32(0, 0x7ffffff0, true)],
      ['vector length', (b) => {
        const t = 4 + dvOf(b).getUint32(4, true);
        const v = t + 4 + dvOf(b).getUint32(t + 4, true);
        dvOf(b).setUint32(v, 0x10000000, true);
      }],
      ['vector offset', (b) => dvOf(b).setUint32(4 + dvOf(b).getUint32(4, true) + 4, 0x7fffffff, true)],
    ];
    for (const [what, mutate] of variants) {
      const fb = good.slice();
      mutate(fb);
      for (const c of ['NONE', 'LZ4'] as const) {
        const r = decode(buildFile([{ streamId: 0, fb }], { compression: c }));
        expect(r.error, `${what} ${c}`).toBeInstanceOf(DecodeError);
        expect(r.error?.message, `${what} ${c}`).not.toMatch(/RangeError|undefined/);
      }
    }
  });

  it('survives random bytes after a valid header and random chunkings of them', () => {
    const head = buildFile([], { table: false });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (junk, chunk) => {
      const bytes = concat([head, junk]);
      const a = decode(bytes);
      const b = decode(bytes, chunk);
      expect(b.error?.message).toBe(a.error?.message);
      expect(b.events.t.length).toBe(a.events.t.length);
    }), { numRuns: 300 });
  });
});

describe.skipIf(!HAVE_SHARED)('Aedat4Decoder on mutated samples', () => {
  it('decodes 300 mutated copies of the DAVIS sample in bounded time, errors typed', () => {
    const sample = sharedSample('aedat4_davis346_evlib_sample.aedat4');
    let state = 0x2545f491; // xorshift32: seeded, reproducible
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    const started = performance.now();
    let failed = 0;
    for (let k = 0; k < 300; k++) {
      const bytes = sample.slice();
      const n = 1 + (next() % 8);
      for (let m = 0; m < n; m++) bytes[next() % bytes.length] = next() & 0xff;
      const r = decode(bytes);
      if (r.error) failed++;
    }
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(failed).toBeGreaterThan(0);
  });
});
