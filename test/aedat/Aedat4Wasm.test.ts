import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { compress as lz4Compress } from 'lz4js';
import { createAedat4Decoder } from '../../src/aedat/aedat4/Aedat4Decoder.js';
import { Lz4WasmDecoder } from '../../src/aedat/aedat4/codecs/wasm/Lz4WasmDecoder.js';
import { wasmKernels } from '../../src/aedat/aedat4/codecs/wasm/wasmKernels.js';
import { sizePrefixed, readVector, rootTable } from '../../src/aedat/aedat4/flatRead.js';
import { EVENT_BYTES, decodeEvents } from '../../src/aedat/aedat4/packets.js';
import { ColumnBuilder } from '../../src/aedat/core/ColumnBuilder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { HAVE_SHARED, fixture, sharedSample } from '../helpers/samples.js';
import { expectSameDecode } from '../helpers/facts.js';
import { type Compression, buildFile, evtsPacket, frmePacket, imuPacket } from './Aedat4Fixtures.js';

/**
 * Decodes with the WebAssembly kernels (default) and with the JS reference; both must agree
 * (`quick`: columns, error and counts compared as bytes and JSON, much faster than deep equality).
 */
function expectPathsAgree(bytes: Uint8Array, what: string, chunk?: number, quick = false) {
  const js = decodeAll(createAedat4Decoder({ wasm: false, maxPacketBytes: 1 << 22 }), bytes, chunk);
  const wasm = decodeAll(createAedat4Decoder({ maxPacketBytes: 1 << 22 }), bytes, chunk);
  if (!quick) expectSameDecode(wasm, js, what);
  else expect(digest(wasm) === digest(js), what).toBe(true);
  return js;
}

function digest(r: ReturnType<typeof decodeAll>): string {
  const { t, x, y, p } = r.events;
  const cols = [t, x, y, p].map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('base64'));
  const frames = r.frames.map((f) => ({ ...f, pixels: Buffer.from(f.pixels).toString('base64') }));
  return JSON.stringify([cols, frames, r.imu, r.triggers, r.skipped, r.error?.message]);
}

/** An EVTS flatbuffer of `n` events whose 16-byte structs are `structs` (any bytes). */
function evtsWithStructs(structs: Uint8Array): Uint8Array {
  const n = structs.length / EVENT_BYTES;
  const fb = evtsPacket(Array.from({ length: n }, () => ({ t: 0, x: 0, y: 0, p: 0 })));
  const vec = readVector(rootTable(sizePrefixed(fb)), 0, EVENT_BYTES);
  fb.set(structs, 4 + vec.start); // sizePrefixed views fb from byte 4
  return fb;
}

function columns(b: ColumnBuilder) {
  return [b.t.slice(0, b.n), b.x.slice(0, b.n), b.y.slice(0, b.n), b.p.slice(0, b.n)];
}

describe('WebAssembly event splitting', () => {
  const structs = fc.integer({ min: 0, max: 300 }).chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n }));
  const size = fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.constantFrom(0, 1, 32768, 65535, 65536));

  it('gives the columns of the JS loop, from wasm memory and from JS memory', () => {
    const wasmLz4 = new Lz4WasmDecoder();
    fc.assert(fc.property(structs, size, size, fc.integer({ min: 0, max: 5 }), (s, w, h, before) => {
      const fb = evtsWithStructs(s);
      const js = new ColumnBuilder();
      const viaCopy = new ColumnBuilder();
      const inPlace = new ColumnBuilder();
      for (const b of [js, viaCopy, inPlace]) for (let i = 0; i < before; i++) b.push(i, i, i, 1);
      // the decompressed view is valid until the next use of the kernels: split it first
      const inWasm = sizePrefixed(wasmLz4.decompress(lz4Compress(fb), 1 << 22).bytes);
      const got = decodeEvents(inWasm, inPlace, w, h, true);
      const want = decodeEvents(sizePrefixed(fb), js, w, h, false);
      expect(got).toEqual(want);
      expect(decodeEvents(sizePrefixed(fb), viaCopy, w, h, true)).toEqual(want);
      expect(columns(viaCopy)).toEqual(columns(js));
      expect(columns(inPlace)).toEqual(columns(js));
    }), { numRuns: 400 });
  });

  it('converts int64 timestamps as the JS reference does (beyond 2^53, negative)', () => {
    const ts = [0n, 1n, -1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 0x1234567890abcdefn, -(2n ** 53n) - 3n];
    const s = new Uint8Array(16 * 40);
    const dv = new DataView(s.buffer);
    for (let i = 0; i < 40; i++) dv.setBigInt64(16 * i, ts[i % ts.length]! * BigInt(1 + (i >> 3)), true);
    const js = new ColumnBuilder();
    const wasm = new ColumnBuilder();
    decodeEvents(sizePrefixed(evtsWithStructs(s)), js, 10, 10, false);
    decodeEvents(sizePrefixed(evtsWithStructs(s)), wasm, 10, 10, true);
    expect(Array.from(wasm.t.subarray(0, 40))).toEqual(Array.from(js.t.subarray(0, 40)));
  });
});

const events = (n: number, t0: number) => Array.from({ length: n }, (_, i) => ({ t: t0 + 7 * i, x: (i * 13) % 70, y: (i * 7) % 50, p: i & 1 }));

describe('Aedat4Decoder with and without the WebAssembly kernels', () => {
  it.each(['LZ4', 'NONE', 'ZSTD'] as Compression[])('decodes synthetic %s files alike, whole and in chunks', (c) => {
    const file = buildFile([
      { streamId: 0, fb: evtsPacket(events(500, 1000)) },
      { streamId: 2, fb: imuPacket([{ t: 10, temperature: 30.5, v: 0.25 }]) },
      { streamId: 1, fb: frmePacket({ t: 100, w: 4, h: 2, pixels: new Uint8Array(8).fill(9) }) },
      { streamId: 0, fb: evtsPacket(events(3, 9000)) },
      { streamId: 0, fb: evtsPacket(events(4000, 20000)) },
    ], { compression: c, streams: [{ id: 0, type: 'EVTS', width: 64, height: 48 }, { id: 1, type: 'FRME', width: 4, height: 2 }, { id: 2, type: 'IMUS' }] });
    const r = expectPathsAgree(file, c);
    expect(r.events.t.length).toBeGreaterThan(3000);
    for (const chunk of [1, 100, 4096]) expectPathsAgree(file, `${c} chunk ${chunk}`, chunk);
  });

  it('decodes the DAVIS fixture alike', () => {
    expectPathsAgree(fixture('aedat4_davis346_evlib_sample.aedat4'), 'fixture');
  });

  it.skipIf(!HAVE_SHARED)('decodes the shared samples alike, and 100 mutated copies of each', () => {
    for (const name of ['aedat4_dvxplorer_tonic_sample.aedat4', 'aedat4_davis346_evlib_sample.aedat4']) {
      const sample = sharedSample(name);
      expect(expectPathsAgree(sample, name).events.t.length).toBeGreaterThan(1000);
      let state = 0x9e3779b9; // xorshift32: seeded, reproducible
      const next = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), state >>> 0);
      for (let k = 0; k < 100; k++) {
        const bytes = sample.slice();
        for (let m = 1 + (next() % 8); m > 0; m--) bytes[next() % bytes.length] = next() & 0xff;
        expectPathsAgree(bytes, `${name} mutation ${k}`, undefined, true);
      }
    }
  });
});

describe('when wasm memory cannot grow', () => {
  it('decodes frames and splits events in JS instead, with the same results', () => {
    const k = wasmKernels()!;
    const reserve = k.reserve;
    const spy = vi.spyOn(k, 'reserve').mockImplementation(() => 0);
    try {
      expectPathsAgree(fixture('aedat4_davis346_evlib_sample.aedat4'), 'no growth');
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(k.reserve).toBe(reserve);
  });
});

describe('without WebAssembly', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to the JS decoder and JS event splitting', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const codecs = await import('../../src/aedat/aedat4/codecs/index.js');
    const lz4 = await import('../../src/aedat/aedat4/codecs/lz4Frame.js');
    const kernels = await import('../../src/aedat/aedat4/codecs/wasm/wasmKernels.js');
    const dec = await import('../../src/aedat/aedat4/Aedat4Decoder.js');
    expect(kernels.wasmKernels()).toBeNull();
    expect(codecs.decompressorFor('LZ4')).toBeInstanceOf(lz4.Lz4FrameDecoder);
    const { Lz4WasmDecoder: Fresh } = await import('../../src/aedat/aedat4/codecs/wasm/Lz4WasmDecoder.js');
    const raw = Uint8Array.from({ length: 500 }, (_, i) => i % 7);
    expect(new Fresh().decompress(lz4Compress(raw), 1000).bytes).toEqual(raw);
    const file = buildFile([{ streamId: 0, fb: evtsPacket(events(100, 5)) }]);
    const r = decodeAll(dec.createAedat4Decoder(), file);
    expect(r.error).toBeUndefined();
    expect(r.events.t.length + (r.skipped['out_of_bounds'] ?? 0)).toBe(100);
    expect(r.events.t.length).toBeGreaterThan(50);
  });
});
