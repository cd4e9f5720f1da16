export {
  projectToDomain, checkDomain, domainMax, cellsAboveUnit, describeDomain, type InputDomain,
} from './InputDomain.js';
export { PRESETS, parseGradientSettings, type GradientSetting } from './GradientSetting.js';
export type { AttackResult } from './AttackResult.js';
export { attackForward, evaluateAt, lossGradient, type Evaluation } from './attackGradient.js';
export { fgsm, type FgsmOptions } from './fgsm.js';
export { pgd, type PgdOptions } from './pgd.js';
export type { Norm } from './perturbation.js';
export { srObjective, checkSrOptions, marginProbability, strongestWrongClass, type SrOptions } from './srObjective.js';
export {
  parseTrainingMethodOptions, describeTrainingMethod, TRAINING_METHODS,
  type AtAttack, type AtOptions, type TrainingMethodName, type TrainingMethodOptions,
} from './adversarialTrainingOptions.js';
export { adversarialBatch, trainingMethod, trainingMethodDescriptor } from './adversarialTraining.js';
