import { ConfigError } from '../../errors.js';
import { checkNeuronOptions, type NeuronOptions } from '../neurons/index.js';
import type { LifKernelAttrs } from './kernelNames.js';

/** Options of the fused LIF ops: the fixed-decay neurons (IF runs as τ = 1). */
export type LifKernelOptions = Extract<NeuronOptions, { readonly kind: 'if' | 'lif' }>;

/**
 * Checks the options (as the composed LIF does) and turns them into kernel attrs; `null` when the
 * kernels do not implement the surrogate (straight-through): the caller takes the composed path.
 * @throws ConfigError for invalid options or a non-integer `steps` < 1.
 */
export function lifKernelAttrs(o: LifKernelOptions, steps: number): LifKernelAttrs | null {
  checkNeuronOptions(o);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new ConfigError(`lif: steps T must be an integer ≥ 1, got ${steps}`);
  const name = o.surrogate.name;
  if (name === 'straightThrough') return null;
  return { tau: o.kind === 'if' ? 1 : o.tau, theta: o.theta, hardReset: o.reset === 'hard', detachReset: o.detachReset,
    surrogate: name, gamma: o.surrogate.gamma, steps };
}

/** @throws ConfigError unless `shape` equals `want` (names the tensor in the message). */
export function checkShape(what: string, shape: readonly number[], want: readonly number[]): void {
  if (shape.length !== want.length || shape.some((d, i) => d !== want[i])) {
    throw new ConfigError(`${what} must be [${want.join(', ')}], got [${shape.join(', ')}]`);
  }
}
