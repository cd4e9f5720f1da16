import { ConfigError } from '../../errors.js';
import { checkNeuronOptions, type NeuronOptions } from '../neurons/index.js';
import { KERNEL_SURROGATES, type KernelSurrogate, type LifKernelAttrs } from './kernelNames.js';

/** Options of the fused LIF ops: the fixed-decay neurons (IF runs as τ = 1). */
export type LifKernelOptions = Extract<NeuronOptions, { readonly kind: 'if' | 'lif' }>;

/**
 * Checks the options (as the composed LIF does) and turns them into kernel attrs, or undefined when
 * the kernels do not implement the surrogate (e.g. straight-through): the caller then takes the
 * composed path.
 * @throws ConfigError for invalid options or a non-integer `steps` < 1.
 */
export function lifKernelAttrs(o: LifKernelOptions, steps: number): LifKernelAttrs | undefined {
  checkNeuronOptions(o);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new ConfigError(`lif: steps T must be an integer ≥ 1, got ${steps}`);
  const surrogate = KERNEL_SURROGATES.find((s): s is KernelSurrogate => s === o.surrogate.name);
  if (surrogate === undefined) return undefined;
  return { tau: o.kind === 'if' ? 1 : o.tau, theta: o.theta, hardReset: o.reset === 'hard', detachReset: o.detachReset,
    surrogate, gamma: o.surrogate.gamma, steps };
}

/** @throws ConfigError unless `shape` equals `want` (names the tensor in the message). */
export function checkShape(what: string, shape: readonly number[], want: readonly number[]): void {
  if (shape.length !== want.length || shape.some((d, i) => d !== want[i])) {
    throw new ConfigError(`${what} must be [${want.join(', ')}], got [${shape.join(', ')}]`);
  }
}
