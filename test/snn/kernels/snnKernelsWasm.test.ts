import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileC, unsafeReasons } from '../../../scripts/snn-wasm/buildSnnWasm.js';
import { snnWasmOf } from '../../../src/snn/kernels/index.js';
import { SNN_WASM_BASE64, SNN_WASM_BYTES } from '../../../src/snn/kernels/wasm/snnKernelsWasm.generated.js';
import { useBackend } from '../snnHelpers.js';

const committed = Uint8Array.from(atob(SNN_WASM_BASE64), (c) => c.charCodeAt(0));
const HAVE_CLANG = spawnSync('clang', ['--version']).status === 0;

describe('the committed SNN wasm module', () => {
  it('is safe on tfjs heap: imports only env.memory, no data segment, no stack pointer use', async () => {
    expect(committed.length).toBe(SNN_WASM_BYTES);
    expect(await unsafeReasons(committed)).toEqual([]);
  });

  it('the safety check catches a module with a data segment', async () => {
    const wabt = (await import('wabt')).default;
    const w = await wabt();
    const mod = w.parseWat('bad.wat', '(module (import "env" "memory" (memory 1)) (data (i32.const 0) "x"))');
    const bad = mod.toBinary({}).buffer.slice();
    mod.destroy();
    expect((await unsafeReasons(bad)).join()).toMatch(/data segment/);
  });

  it.skipIf(!HAVE_CLANG)('matches what snnKernels.c compiles to (npm run build:wasm:snn)', () => {
    expect(Buffer.from(compileC()).equals(Buffer.from(committed))).toBe(true);
  });
});

describe('wasm internals', () => {
  beforeAll(() => useBackend('wasm'));
  afterEach(() => vi.restoreAllMocks());

  it('a backend without the expected internals gets null and one warning', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(snnWasmOf({ wasm: {} })).toBeNull();
    expect(snnWasmOf({ wasm: {} })).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]?.[0])).toMatch(/SNN wasm kernels disabled/);
  });

  it('exp_nonpos (the sigmoid surrogate) is within 3 ulp of exp on [-87, 0]', () => {
    const k = snnWasmOf(tf.backend());
    expect(k).not.toBeNull();
    const n = 200_003;
    const xs = new Float32Array(n).map((_, i) => -87 * (i / (n - 1)));
    const x = tf.tensor(xs);
    const out = tf.zeros([n]);
    k!.fns.exp_nonpos(k!.offsetOf(x), k!.offsetOf(out), n);
    const got = out.dataSync();
    let worstUlp = 0;
    for (let i = 0; i < n; i++) {
      const want = Math.exp(xs[i]!);
      const ulp = Math.abs(Math.fround(want) * 2 ** -23);
      worstUlp = Math.max(worstUlp, Math.abs(got[i]! - want) / ulp);
    }
    tf.dispose([x, out]);
    expect(worstUlp).toBeLessThan(3);
  });
});
