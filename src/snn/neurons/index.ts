export { charge } from './charge.js';
export { fire, heaviside } from './fire.js';
export { reset, detach, type ResetMode, type ResetOptions } from './reset.js';
export {
  checkNeuronOptions,
  type NeuronOptions,
  type NeuronCommonOptions,
  type IfOptions,
  type LifOptions,
  type PlifOptions,
} from './neuronOptions.js';
export { createNeuron, type Neuron, type NeuronState, type NeuronStepResult } from './createNeuron.js';
