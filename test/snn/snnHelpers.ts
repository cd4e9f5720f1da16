import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { selectBackend, type BackendName } from '../../src/snn/index.js';

/** The backends every SNN spec runs on (both load offline here). */
export const TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

/** Activates `name` silently (the choice log is asserted in selectBackend.test.ts). */
export async function useBackend(name: BackendName): Promise<void> {
  await selectBackend({ backend: name, log: () => {} });
}

/** STYLE §4: the run creates no tensor that outlives it. */
export async function expectNoLeak(run: () => Promise<void> | void): Promise<void> {
  const before = tf.memory().numTensors;
  await run();
  expect(tf.memory().numTensors).toBe(before);
}

/** Seeded PRNG (mulberry32): uniform floats in [0, 1). Tests never use Math.random. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** n float32-representable values uniform in [lo, hi). */
  floats(n: number, lo: number, hi: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * this.next();
    return out;
  }
}

/** Element-wise max |a − b| / (atol + rtol·|b|) ≤ 1, with the worst index for the message. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, atol: number, rtol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const g = got[i] ?? NaN;
    const w = want[i] ?? NaN;
    const r = Math.abs(g - w) / (atol + rtol * Math.abs(w));
    if (!(r <= worst)) {
      worst = r;
      at = i;
    }
  }
  expect(worst, `worst at ${at}: got ${got[at]}, want ${want[at]}`).toBeLessThanOrEqual(1);
}
