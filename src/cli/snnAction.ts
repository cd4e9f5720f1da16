import * as tf from '@tensorflow/tfjs-core';
import { BackendError, SpikeguardError } from '../errors.js';
import { isSystemError } from './isSystemError.js';

/** Longest message kept from an internal failure (emscripten errors can carry whole sources). */
const MAX_DETAIL = 200;

/**
 * Wraps an SNN command's action so that a failure inside TensorFlow.js (a wasm `RuntimeError`,
 * "memory access out of bounds", an emscripten abort) reaches the user as one line, a
 * BackendError, instead of a stack trace through minified emscripten source; errors the CLI
 * already reports (SpikeguardError, OS errors) pass unchanged.
 * @example .action(snnAction(async (f: Flags) => { ... }))
 */
export function snnAction<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof SpikeguardError || isSystemError(err)) throw err;
      const first = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0]!;
      const detail = first.length > MAX_DETAIL ? `${first.slice(0, MAX_DETAIL - 3)}...` : first;
      throw new BackendError(tf.engine().backendName ?? 'tfjs', `internal failure (${detail}); if the sizes are large, `
        + 'lower --batch, --T or --bins, or the --memory-mb budget that admitted them');
    }
  };
}
