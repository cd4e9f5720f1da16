/**
 * Unstable internals of the SNN engine, for the CLI, tests and bench scripts: wasm binaries and
 * handles, the pinned tfjs version, kernel names and registration, fast-path checks and bench
 * helpers. Published as `spikeguard/internal`; anything here may change or vanish in any release.
 */
export { loadWasm, wasmBinaryFolder, WASM_BINARIES } from './backend/loadWasm.js';
export { registerNeuronGradients } from './gradients/registerNeuronGradients.js';
export { registerLayerGradients } from './gradients/registerLayerGradients.js';
export {
  hasFastPath, registerSnnKernels, snnWasmOf, PINNED_TFJS_VERSION, avgPool2Composed, conv2dInputGrad, conv2dFilterGrad,
  SnnLif, SnnLifGrad, SnnLifAvgPool2, SnnLifAvgPool2Grad, SnnSpikeConv2d, SnnConv2dFilterGrad,
  type SnnWasm, type SnnWasmExports, type LifKernelAttrs, type ConvAttrs,
} from './kernels/index.js';
export { measureSnn, type SnnBenchOptions, type SnnBenchResult } from './bench/measureSnn.js';
