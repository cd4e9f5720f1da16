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
  straightThrough,
  surrogateOf,
  SURROGATE_NAMES,
  type Surrogate,
  type SurrogateName,
  type SurrogateKind,
} from './surrogates.js';
export { registerNeuronGradients } from './gradients/registerNeuronGradients.js';
export { registerLayerGradients } from './gradients/registerLayerGradients.js';
export * from './kernels/index.js';
export * from './neurons/index.js';
export type { ForwardContext, GradientMode, Layer, LayerOutput, Param } from './layers/Layer.js';
export {
  parseModelSpec, SPEC_VERSION,
  type ModelSpec, type LayerSpec, type NeuronSpec, type SurrogateSpec, type Conv2dSpec, type DenseSpec,
  type PoolSpec, type BatchNormSpec, type DropoutSpec, type FlattenSpec, type SpikingSpec,
} from './model/spec.js';
export {
  buildModel, resetStreams, disposeState,
  type SnnModel, type ForwardOptions, type StreamState, type StreamOutput,
} from './model/buildModel.js';
export { zoo, ZOO_NAMES, PEER_LIF, type ZooName } from './zoo/zoo.js';
export { crossEntropy, countCorrect } from './train/loss.js';
export { createOptimizer, cosineLr, type Optimizer, type OptimizerSpec, type OptimizerState } from './train/optimizers.js';
export { subset, permutation, splitValidation, stackBatch, type SampleSet } from './train/SampleSet.js';
export { trainStep, trainableVariables, stepGradients, type StepResult, type StepGradients } from './train/trainStep.js';
export {
  crossEntropyObjective, loadTrainingMethod,
  type MethodDescriptor, type Objective, type ObjectiveValue, type PrepareBatch, type TrainingMethod,
} from './train/TrainingMethod.js';
export {
  trainModel, evaluate,
  type TrainOptions, type TrainResult, type TrainingState, type EpochReport, type StepProgress,
} from './train/trainModel.js';
export {
  encodeCheckpoint, decodeCheckpoint, saveCheckpoint, loadCheckpoint, CheckpointError, CHECKPOINT_VERSION,
  type CheckpointTraining, type LoadedCheckpoint,
} from './checkpoint/checkpoint.js';
export { startDataParallel, WorkerError, type DataParallel } from './parallel/dataParallel.js';
export { measureSnn, type SnnBenchOptions, type SnnBenchResult } from './bench/measureSnn.js';
