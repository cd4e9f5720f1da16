import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendError, ConfigError } from '../../src/errors.js';
import { parseBackendName, selectBackend } from '../../src/snn/index.js';
import { WASM_BINARIES, wasmBinaryFolder } from '../../src/snn/internal.js';
import { expectNoLeak } from './snnHelpers.js';

/** Whether the optional native binding is installed here (it is not in this repo's CI). */
async function nativeInstalled(): Promise<boolean> {
  for (const spec of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(spec);
      return true;
    } catch {
      // not installed
    }
  }
  return false;
}

describe('selectBackend', () => {
  it('finds the wasm binaries in the installed package folder', () => {
    const folder = wasmBinaryFolder();
    expect(folder).toMatch(/@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]$/);
    for (const f of WASM_BINARIES) expect(existsSync(join(folder, f))).toBe(true);
  });

  it('picks the best backend that loads (wasm here, tfjs-node absent) and logs the choice', async () => {
    const lines: string[] = [];
    const choice = await selectBackend({ log: (m) => lines.push(m) });
    if (await nativeInstalled()) {
      expect(choice.name).toBe('tensorflow');
      return;
    }
    expect(choice).toMatchObject({ name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm' });
    expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow']);
    expect(choice.skipped[0]?.reason).toMatch(/cannot import @tensorflow\/tfjs-node-gpu.*cannot import @tensorflow\/tfjs-node/);
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(choice.skipped[0]?.reason).toBe('cannot import @tensorflow/tfjs-node-gpu: not installed; cannot import @tensorflow/tfjs-node: not installed');
    expect(lines[0]).toBe('spikeguard: tfjs backend wasm (@tensorflow/tfjs-backend-wasm); tensorflow not installed (faster: npm install @tensorflow/tfjs-node)');
    await selectBackend({ log: (m) => lines.push(m) });
    expect(lines[1], 'the install hint is given once').toBe('spikeguard: tfjs backend wasm (@tensorflow/tfjs-backend-wasm); tensorflow not installed');
    await expectNoLeak(() => {
      const y = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1));
      expect(Array.from(y.dataSync())).toEqual([2, 3]);
      y.dispose();
    });
  });

  it('a named backend overrides the order', async () => {
    const lines: string[] = [];
    const choice = await selectBackend({ backend: 'cpu', log: (m) => lines.push(m) });
    expect(choice).toEqual({ name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual(['spikeguard: tfjs backend cpu (@tensorflow/tfjs-backend-cpu), as requested']);
    await selectBackend({ backend: 'wasm', log: () => {} });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('an unknown name is a ConfigError naming the choices', async () => {
    await expect(selectBackend({ backend: 'webgl', log: () => {} })).rejects.toThrow(ConfigError);
    expect(() => parseBackendName('gpu')).toThrow(/expected one of tensorflow, wasm, cpu/);
  });

  it('a named backend that cannot load is a BackendError with the reason', async () => {
    if (await nativeInstalled()) return;
    const err = await selectBackend({ backend: 'tensorflow', log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ backend: 'tensorflow' });
    expect((err as BackendError).reason).toMatch(/cannot import @tensorflow\/tfjs-node/);
  });
});
