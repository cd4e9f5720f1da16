/**
 * The SNN engine on TensorFlow.js: backend choice, neurons and surrogates, fused LIF / spike-conv
 * ops, layers, the JSON model spec, training, streaming inference and checkpoints. Kernel and
 * wasm plumbing and bench helpers are not here: see `spikeguard/internal` (unstable).
 */
export { BackendError } from '../errors.js';
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
export {
  lifSequence, lifAvgPool2, spikeConv2d, convGeometry,
  type LifSequenceResult, type LifAvgPool2Result, type LifKernelOptions, type ConvGeometry, type ConvPad,
} from './kernels/index.js';
export * from './neurons/index.js';
export type { ForwardContext, GradientMode, Layer, LayerOutput, Param } from './layers/Layer.js';
export {
  parseModelSpec, resolveNeuron, SPEC_VERSION, SPEC_LIMITS,
  type ModelSpec, type LayerSpec, type NeuronSpec, type NeuronOverride, type SurrogateSpec, type Conv2dSpec, type DenseSpec,
  type PoolSpec, type BatchNormSpec, type DropoutSpec, type FlattenSpec, type SpikingSpec,
} from './model/spec.js';
export { specShapes, elementsOf, type LayerShape, type ParamShape } from './model/specShapes.js';
export { estimateMemory, type MemoryUse, type MemoryNeed } from './memory/estimateMemory.js';
export { checkMemoryBudget, defaultMemoryBudgetMb, WASM_HEAP_LIMIT_MB, type BudgetCheck } from './memory/memoryBudget.js';
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
  type CheckpointTraining, type LoadedCheckpoint, type DecodeOptions,
} from './checkpoint/checkpoint.js';
export { startDataParallel, WorkerError, type DataParallel } from './parallel/dataParallel.js';
export { toTensors, type TensorOf } from './toTensors.js';
