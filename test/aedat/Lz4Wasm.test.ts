import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compress as lz4Compress } from 'lz4js';
import { compileWat } from '../../scripts/buildWasm.js';
import { Lz4FrameDecoder } from '../../src/aedat/aedat4/codecs/lz4Frame.js';
import { Lz4WasmDecoder } from '../../src/aedat/aedat4/codecs/wasm/Lz4WasmDecoder.js';
import { LZ4_WASM_BASE64 } from '../../src/aedat/aedat4/codecs/wasm/lz4Wasm.generated.js';
import { wasmKernels } from '../../src/aedat/aedat4/codecs/wasm/wasmKernels.js';
import { decompressorFor } from '../../src/aedat/aedat4/codecs/index.js';
import { HAVE_SHARED, fixture, sharedSample } from '../helpers/samples.js';
import { buildFrame, editsArb, framePlanArb, mutate, outcome } from './Lz4Frames.js';

const js = new Lz4FrameDecoder();
const wasm = new Lz4WasmDecoder();
const MAX = 1 << 24;

/** The wasm decoder gives exactly what the JS decoder (the oracle) gives. */
function expectSame(src: Uint8Array, maxBytes = MAX): ReturnType<typeof outcome> {
  const want = outcome(js, src, maxBytes);
  expect(outcome(wasm, src, maxBytes)).toEqual(want);
  return want;
}

/** Packet bodies of an AEDAT 4.0 file (walks the packet headers up to dataTablePosition). */
function bodies(file: Uint8Array): Uint8Array[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.length);
  const out: Uint8Array[] = [];
  for (let at = 18 + dv.getUint32(14, true); at + 8 <= file.length;) {
    const size = dv.getInt32(at + 4, true);
    if (size <= 0 || at + 8 + size > file.length || file[at + 8] !== 0x04) break;
    out.push(file.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return out;
}

describe('WebAssembly LZ4 kernels (lz4.wat)', () => {
  it('grows memory with the real output, not with the 4 MiB a block may declare', () => {
    const mem = () => wasmKernels()!.memory.buffer.byteLength;
    const small = lz4Compress(new Uint8Array(3000).fill(7)); // lz4js writes BD 7 (4 MiB blocks)
    expect(small[5]! >> 4).toBe(7);
    expect(outcome(wasm, small, MAX)).toMatchObject({ bytes: new Uint8Array(3000).fill(7) });
    expect(mem()).toBeLessThanOrEqual(64 * 1024);
    const big = lz4Compress(new Uint8Array(3 << 20).fill(1));
    expect(outcome(wasm, big, MAX)).toMatchObject({ consumed: big.length });
    expect(mem()).toBeLessThanOrEqual(8 << 20); // 3 MiB of output, capacity doubling
  });

  it('releases memory grown past 16 MiB at the next frame', () => {
    const huge = lz4Compress(new Uint8Array(20 << 20).fill(3));
    expect(outcome(wasm, huge, 1 << 25)).toMatchObject({ consumed: huge.length });
    expect(wasmKernels()!.memory.buffer.byteLength).toBeGreaterThan(20 << 20);
    expectSame(lz4Compress(new Uint8Array(100)));
    expect(wasmKernels()!.memory.buffer.byteLength).toBeLessThanOrEqual(64 * 1024);
  });

  it('the committed bytes are those lz4.wat compiles to (npm run build:wasm)', async () => {
    const committed = Uint8Array.from(atob(LZ4_WASM_BASE64), (c) => c.charCodeAt(0));
    expect(Buffer.from(await compileWat()).equals(Buffer.from(committed))).toBe(true);
  });

  it('is the default LZ4 decompressor where WebAssembly exists; the JS one on request', () => {
    expect(decompressorFor('LZ4')).toBeInstanceOf(Lz4WasmDecoder);
    expect(decompressorFor('LZ4_HIGH', false)).toBeInstanceOf(Lz4FrameDecoder);
  });

  it('decodes random sequence plans as the JS decoder does (bytes, length taken, errors)', () => {
    fc.assert(fc.property(framePlanArb, (plan) => {
      const { frame, expected, valid } = buildFrame(plan);
      const want = expectSame(frame);
      if (valid) expect(want).toEqual({ bytes: expected, consumed: frame.length });
    }), { numRuns: 1500 });
  });

  it('agrees on mutated and cut frames, and under every output limit', () => {
    fc.assert(fc.property(framePlanArb, editsArb, fc.nat(), (plan, edits, cap) => {
      const { frame, expected } = buildFrame(plan);
      expectSame(mutate(frame, edits));
      expectSame(frame, cap % (expected.length + 2));
    }), { numRuns: 1500 });
  });

  it('agrees on lz4js frames of random and repetitive data, whole and mutated', () => {
    const data = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 24 }), { maxLength: 200 })
        .map((parts) => Uint8Array.from(parts.flatMap((p, i) => [...p, ...(parts[i >> 1] ?? [])]))),
    );
    fc.assert(fc.property(data, editsArb, (raw, edits) => {
      const frame = lz4Compress(raw);
      expect(expectSame(frame)).toEqual({ bytes: raw, consumed: frame.length });
      expectSame(mutate(frame, edits));
    }), { numRuns: 1000 });
  });

  it('agrees on random bytes behind a valid frame header', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(0x40, 0x50, 0x44, 0x60), (junk, flg) => {
      expectSame(Uint8Array.from([0x04, 0x22, 0x4d, 0x18, flg, 0x40, 0x00, junk.length, 0, 0, 0, ...junk]));
    }), { numRuns: 1000 });
  });

  it('keeps hostile offsets and lengths inside its regions (typed errors, no trap)', () => {
    const head = [0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0x00];
    const block = (b: number[]) => Uint8Array.from([...head, b.length, 0, 0, 0, ...b, 0, 0, 0, 0]);
    const cases = [
      [0x1f, 65, 0xff, 0xff, 255, 255, 255, 10], // match 64 KiB back from byte 1
      [0x10, 65, 0x00, 0x00], // offset 0
      [0xf0, 255, 255, 255], // literal length bytes running off the block
      [0x1f, 65, 0x01, 0x00, ...new Array<number>(40).fill(255)], // match length bytes running off
      [0xff, 0, 65], // 15 literals announced, 1 present
      [0x1f, 65, 0x01, 0x00, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0], // long, under 64 KiB
      [0x10, 65, 0x02, 0x00], // one byte before the output
      [0x10, 65, 0x02, 0x00, ...new Array<number>(24).fill(0x11)], // the same where the fast path runs
      [0x20, 65, 66, 0x01, 0x00, 0x10, 67, 0x04, 0x00, ...new Array<number>(24).fill(0x11)], // d = 3, offset 4
    ];
    for (const c of cases) {
      for (const cap of [0, 3, 100, 1 << 16, MAX]) {
        const r = expectSame(block(c), cap);
        if ('error' in r) expect(r.error).toBe('Aedat4BodyError');
      }
    }
  });
});

describe('WebAssembly LZ4 kernels on real packet bodies', () => {
  const files = [
    { n: 'fixtures/aedat4_davis346_evlib_sample.aedat4', bytes: () => fixture('aedat4_davis346_evlib_sample.aedat4') },
    ...(HAVE_SHARED ? [{ n: 'aedat4_dvxplorer_tonic_sample.aedat4', bytes: () => sharedSample('aedat4_dvxplorer_tonic_sample.aedat4') }] : []),
  ];

  it.each(files)('decodes every body of $n as the JS decoder does, whole and mutated', ({ bytes }) => {
    const all = bodies(bytes());
    expect(all.length).toBeGreaterThan(10);
    for (const b of all) {
      const want = expectSame(b, 1 << 28);
      expect(want).toHaveProperty('consumed', b.length);
    }
    fc.assert(fc.property(fc.nat({ max: all.length - 1 }), editsArb, (i, edits) => {
      expectSame(mutate(all[i]!, edits), 1 << 28);
    }), { numRuns: 300 });
  });
});
