import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAedat4Decoder } from '../../src/aedat/aedat4/Aedat4Decoder.js';
import { type Aedat4WriterOptions, createAedat4Writer, writeAedat4 } from '../../src/aedat/aedat4/Aedat4Writer.js';
import { haveNativeZstd, nativeZstdCompressor } from '../../src/aedat/node/nativeCompressors.js';
import { writeAedat4File } from '../../src/aedat/node/writeAedat4File.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { type EventBatch, batchFromEvents, emptyBatch } from '../../src/events/EventBatch.js';
import { concatBatches } from '../../src/events/concatBatches.js';
import { ConfigError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';

const W = 40;
const H = 30;
type Variant = { name: string; opts: Partial<Aedat4WriterOptions> };
const VARIANTS: Variant[] = [
  { name: 'none', opts: { compression: 'none' } },
  { name: 'lz4', opts: { compression: 'lz4' } },
  { name: 'zstd (raw blocks)', opts: { compression: 'zstd' } },
  ...(haveNativeZstd() ? [{ name: 'zstd (native)', opts: { compression: 'zstd' as const, compressor: nativeZstdCompressor()! } }] : []),
];

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameEvents = (a: EventBatch, b: EventBatch) => {
  expect(a.t.length).toBe(b.t.length);
  for (const col of ['t', 'x', 'y', 'p'] as const) expect(bytesOf(a[col]).equals(bytesOf(b[col])), col).toBe(true);
};

/** Batches of in-sensor events with non-decreasing t up to ~2^52, empty batches included. */
const batchesArb = fc.array(
  fc.array(fc.record({ dt: fc.oneof(fc.constant(0), fc.nat(1000), fc.nat(2 ** 40)), x: fc.nat(W - 1), y: fc.nat(H - 1), p: fc.nat(1) }), { maxLength: 40 }),
  { maxLength: 6 },
).map((groups) => {
  let t = 0;
  return groups.map((g) => batchFromEvents(g.map((e) => ({ t: (t = Math.min(t + e.dt, 2 ** 52)), x: e.x, y: e.y, p: e.p })), { width: W, height: H }));
});

/** Asserts the table indexes exactly the packets: offsets, sizes, counts, first/last t. */
function expectTableMatchesPackets(file: Uint8Array, table: NonNullable<ReturnType<typeof createAedat4Decoder>['dataTable']>, all: EventBatch) {
  const dv = new DataView(file.buffer, file.byteOffset, file.length);
  let at = 18 + dv.getUint32(14, true);
  let first = 0;
  for (const e of table) {
    expect(e.byteOffset).toBe(at + 8);
    expect(e.streamId).toBe(dv.getInt32(at, true));
    expect(e.size).toBe(dv.getInt32(at + 4, true));
    expect(e.timestampStartUs).toBe(all.t[first]);
    expect(e.timestampEndUs).toBe(all.t[first + e.numElements - 1]);
    first += e.numElements;
    at += 8 + e.size;
  }
  expect(first).toBe(all.t.length);
  expect(Number(dv.getBigInt64(18 + 32, true))).toBe(at); // patched dataTablePosition
}

describe('Aedat4Writer', () => {
  it.each(VARIANTS)('round-trips random batches with a matching data table ($name)', ({ opts }) => {
    fc.assert(fc.property(batchesArb, fc.integer({ min: 1, max: 17 }), (batches, packetEvents) => {
      const file = writeAedat4(batches, { width: W, height: H, packetEvents, ...opts });
      const dec = createAedat4Decoder();
      const r = decodeAll(dec, file);
      expect(r.error).toBeUndefined();
      expect(r.skipped).toEqual({});
      const all = concatBatches(batches, { width: W, height: H });
      sameEvents(r.events, all);
      expect(r.header).toMatchObject({ width: W, height: H, metadata: { source: 'spikeguard' } });
      const table = dec.dataTable!;
      expect(table.length).toBe(Math.ceil(all.t.length / packetEvents));
      expect(table.every((e) => e.numElements <= packetEvents)).toBe(true);
      expectTableMatchesPackets(file, table, all);
    }), { numRuns: 40 });
  });

  it('streams in bounded pieces: packets come out as they fill, the patch fixes the header', () => {
    const w = createAedat4Writer({ width: W, height: H, packetEvents: 3, compression: 'lz4', source: 'cam <1> & "x"' });
    const head = w.start();
    const b = batchFromEvents(Array.from({ length: 7 }, (_, i) => ({ t: i * 10, x: i, y: i, p: i & 1 })), { width: W, height: H });
    const packets = w.write(b);
    expect(packets).toHaveLength(2);
    expect(w.write(emptyBatch({ width: W, height: H }))).toHaveLength(0);
    const { tail, patch } = w.finish();
    expect(patch.offset).toBe(18 + 32);
    const file = Buffer.concat([head, ...packets, tail]);
    expect(Number(file.readBigInt64LE(patch.offset))).toBe(-1); // written before the table position was known
    file.set(patch.bytes, patch.offset);
    const dec = createAedat4Decoder();
    const r = decodeAll(dec, new Uint8Array(file));
    expect(r.error).toBeUndefined();
    sameEvents(r.events, b);
    expect(r.header?.metadata['source']).toBe('cam <1> & "x"');
    expect(dec.dataTable?.map((e) => e.numElements)).toEqual([3, 3, 1]);
    expect(() => w.write(b)).toThrow(ConfigError);
    expect(() => w.finish()).toThrow(ConfigError);
  });

  it('rejects bad options and events the file could not hold', () => {
    expect(() => createAedat4Writer({ width: 0, height: 10 })).toThrow(ConfigError);
    expect(() => createAedat4Writer({ width: 40000, height: 10 })).toThrow(ConfigError);
    expect(() => createAedat4Writer({ width: 10, height: 10, packetEvents: 0 })).toThrow(ConfigError);
    expect(() => createAedat4Writer({ width: 10, height: 10 }).write(emptyBatch({ width: 10, height: 10 }))).toThrow(/start/);
    const w = createAedat4Writer({ width: 10, height: 10 });
    w.start();
    expect(() => w.write(batchFromEvents([{ t: 1, x: 10, y: 0, p: 1 }], { width: 20, height: 20 }))).toThrow(ConfigError);
    expect(() => w.write(batchFromEvents([{ t: 1.5, x: 1, y: 0, p: 1 }], { width: 10, height: 10 }))).toThrow(ConfigError);
  });

  it('writes a file with fs and patches the table position in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-aedat4-'));
    try {
      const batches = [batchFromEvents(Array.from({ length: 50 }, (_, i) => ({ t: 1e15 + i, x: i % W, y: i % H, p: i & 1 })), { width: W, height: H })];
      for (const compression of ['none', 'lz4', ...(haveNativeZstd() ? ['zstd' as const] : [])] as const) {
        const path = join(dir, `${compression}.aedat4`);
        const n = await writeAedat4File(path, batches, { width: W, height: H, compression, packetEvents: 16 });
        const bytes = new Uint8Array(readFileSync(path));
        expect(bytes.length).toBe(n);
        expect(bytes).toEqual(writeAedat4(batches, { width: W, height: H, compression, packetEvents: 16, ...(compression === 'zstd' ? { compressor: nativeZstdCompressor()! } : {}) }));
        const dec = createAedat4Decoder();
        const r = decodeAll(dec, bytes);
        sameEvents(r.events, batches[0]!);
        expect(dec.dataTable).toHaveLength(4);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(spawnSync('lz4', ['--version']).status !== 0 || spawnSync('zstd', ['--version']).status !== 0)(
    'writes packet bodies and tables the lz4 and zstd tools decompress', () => {
      const b = [batchFromEvents(Array.from({ length: 9 }, (_, i) => ({ t: i, x: i, y: 1, p: 1 })), { width: W, height: H })];
      for (const [tool, compression] of [['lz4', 'lz4'], ['zstd', 'zstd']] as const) {
        const file = writeAedat4(b, { width: W, height: H, compression, packetEvents: 4 });
        const dv = new DataView(file.buffer);
        const at = 18 + dv.getUint32(14, true);
        const body = file.subarray(at + 8, at + 8 + dv.getInt32(at + 4, true));
        const out = spawnSync(tool, ['-d', '-c'], { input: body });
        expect(out.status).toBe(0);
        expect(String.fromCharCode(...out.stdout.subarray(8, 12))).toBe('EVTS');
        const table = spawnSync(tool, ['-d', '-c'], { input: file.subarray(Number(dv.getBigInt64(50, true))) });
        expect(String.fromCharCode(...table.stdout.subarray(8, 12))).toBe('FTAB');
      }
    });
});

describe.skipIf(!HAVE_SHARED)('Aedat4Writer re-encoding the real samples', () => {
  it.each(['aedat4_dvxplorer_tonic_sample.aedat4', 'aedat4_davis346_evlib_sample.aedat4'])('%s decodes identically after re-encoding', (name) => {
    const original = decodeAll(createAedat4Decoder(), sharedSample(name));
    const { width, height } = original.events;
    for (const { opts } of VARIANTS) {
      const file = writeAedat4([original.events], { width, height, source: original.header!.metadata['source']!, ...opts });
      const dec = createAedat4Decoder();
      const r = decodeAll(dec, file);
      expect(r.error).toBeUndefined();
      sameEvents(r.events, original.events);
      expect(r.header?.metadata['source']).toBe(original.header?.metadata['source']);
      expectTableMatchesPackets(file, dec.dataTable!, original.events);
    }
  });
});
