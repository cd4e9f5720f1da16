export { lifSequence, type LifSequenceResult } from './lifSequence.js';
export { lifAvgPool2, type LifAvgPool2Result } from './lifAvgPool2.js';
export { avgPool2Composed } from './avgPool2Composed.js';
export { spikeConv2d } from './spikeConv2d.js';
export { conv2dInputGrad } from './conv2dInputGrad.js';
export { conv2dFilterGrad } from './conv2dFilterGrad.js';
export { convGeometry, type ConvPad } from './convGeometry.js';
export type { ConvGeometry } from './js/convMath.js';
export type { LifKernelOptions } from './lifKernelOptions.js';
export { hasFastPath } from './fastPath.js';
export { registerSnnKernels } from './registerSnnKernels.js';
export { snnWasmOf, PINNED_TFJS_VERSION, type SnnWasm, type SnnWasmExports } from './wasm/snnWasm.js';
export {
  SnnLif, SnnLifGrad, SnnLifAvgPool2, SnnLifAvgPool2Grad, SnnSpikeConv2d, SnnConv2dFilterGrad, KERNEL_SURROGATES,
  type LifKernelAttrs, type ConvAttrs, type KernelSurrogate,
} from './kernelNames.js';
