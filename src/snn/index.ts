export {
  selectBackend,
  parseBackendName,
  BACKEND_NAMES,
  type BackendName,
  type BackendChoice,
  type BackendLogger,
  type SelectBackendOptions,
  type SkippedBackend,
} from './backend/selectBackend.js';
export { loadWasm, wasmBinaryFolder, WASM_BINARIES } from './backend/loadWasm.js';
export {
  triangle,
  sigmoid,
  atan,
  rectangle,
  fastSigmoid,
  surrogateOf,
  SURROGATE_NAMES,
  type Surrogate,
  type SurrogateName,
} from './surrogates.js';
export { registerNeuronGradients } from './gradients/registerNeuronGradients.js';
export * from './neurons/index.js';
