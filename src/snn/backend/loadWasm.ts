import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../../errors.js';

/** The three binaries tfjs-backend-wasm 4.22 may load (it picks by SIMD/thread support). */
export const WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** Set once: tfjs-backend-wasm refuses new paths after its first initialisation attempt. */
let pathsSet = false;

/**
 * Folder holding the wasm binaries of the installed `@tensorflow/tfjs-backend-wasm` (its `dist/`),
 * found through Node's module resolution, so it works from a fresh clone without network.
 * @throws BackendError if the package is not installed or a binary is missing.
 * @example wasmBinaryFolder() // '/repo/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 */
export function wasmBinaryFolder(): string {
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    throw new BackendError('wasm', `@tensorflow/tfjs-backend-wasm not installed: ${String(e)}`);
  }
  const folder = dirname(main);
  const missing = WASM_BINARIES.filter((f) => !existsSync(join(folder, f)));
  if (missing.length > 0) throw new BackendError('wasm', `missing ${missing.join(', ')} in ${folder}`);
  return folder + sep;
}

/**
 * Imports `@tensorflow/tfjs-backend-wasm` (registering the `wasm` backend) and points it at the
 * binaries of the installed package, once, before its first initialisation. Does not activate it.
 * @throws BackendError if WebAssembly is unavailable, the package or a binary is missing.
 * @example await loadWasm(); await tf.setBackend('wasm');
 */
export async function loadWasm(): Promise<void> {
  if (!('WebAssembly' in globalThis)) throw new BackendError('wasm', 'WebAssembly unavailable');
  const folder = wasmBinaryFolder();
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    throw new BackendError('wasm', `cannot import @tensorflow/tfjs-backend-wasm: ${String(e)}`);
  }
  if (!pathsSet && tf.getBackend() !== 'wasm') {
    try {
      wasm.setWasmPaths(folder);
    } catch (e) {
      throw new BackendError('wasm', `setWasmPaths(${folder}) refused: ${String(e)}`);
    }
    pathsSet = true;
  }
}
