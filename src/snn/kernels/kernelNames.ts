
/** LIF over all steps of `[T, …]`: inputs `current`, `v0`; outputs spikes `[T, …]`, final `v`. */
export const SnnLif = 'SnnLif';
/** Backward of {@link SnnLif}: inputs `current`, `v0`, `dSpikes`, `dV`; outputs `dCurrent`, `dV0`. */
export const SnnLifGrad = 'SnnLifGrad';
/** LIF + 2×2 average pool over `[T·B, H, W, C]`: inputs `current`, `v0`; outputs pooled, final `v`. */
export const SnnLifAvgPool2 = 'SnnLifAvgPool2';
/** Backward of {@link SnnLifAvgPool2}: inputs `current`, `v0`, `dPooled`, `dV`; outputs `dCurrent`, `dV0`. */
export const SnnLifAvgPool2Grad = 'SnnLifAvgPool2Grad';
/** Event-driven conv2d (stride 1): inputs `x`, `filter`; attrs {@link ConvAttrs}. */
export const SnnSpikeConv2d = 'SnnSpikeConv2d';

/**
 * The surrogates the LIF kernels implement (src/snn/surrogates.ts formulas, in C and JS). A surrogate
 * not listed here (a newer one) makes the LIF ops take the composed path.
 */
export const KERNEL_SURROGATES = ['triangle', 'sigmoid', 'atan', 'rectangle', 'fastSigmoid', 'straightThrough'] as const;
export type KernelSurrogate = (typeof KERNEL_SURROGATES)[number];

/**
 * Attributes of the LIF kernels (plain values, as tfjs attrs must be). `tau = 1` is IF.
 * `steps` (T) is used by the pooled kernels, whose time is folded into the batch. A type alias, not
 * an interface, so that it is a tfjs `NamedAttrMap`.
 */
export type LifKernelAttrs = {
  tau: number;
  theta: number;
  hardReset: boolean;
  detachReset: boolean;
  surrogate: KernelSurrogate;
  gamma: number;
  steps: number;
};

/** Attributes of {@link SnnSpikeConv2d}: stride and dilation are 1. */
export type ConvAttrs = {
  pad: 'same' | 'valid';
};

/** Filter gradient of a stride-1 conv2d, from non-zero inputs: inputs `x`, `dy`; attrs as tfjs's Conv2DBackpropFilter. */
export const SnnConv2dFilterGrad = 'SnnConv2dFilterGrad';
