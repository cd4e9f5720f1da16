export { charge } from './charge.js';
export { fire, heaviside } from './fire.js';
export { reset, detach, type ResetMode, type ResetOptions } from './reset.js';
export {
  checkNeuronOptions,
  type NeuronKind,
  type NeuronCommon,
  type NeuronConfig,
  type NeuronOptions,
} from './neuronOptions.js';
export { createNeuron, type Neuron, type NeuronState, type NeuronStepResult } from './createNeuron.js';
