export {
  projectToDomain, checkDomain, domainMax, cellsAboveUnit, describeDomain, type InputDomain,
} from './InputDomain.js';
export { PRESETS, parseGradientSettings, type GradientSetting } from './GradientSetting.js';
export type { AttackResult } from './AttackResult.js';
export { attackForward, evaluateAt, lossGradient, INFERENCE, type Evaluation } from './attackGradient.js';
export { fgsm, type FgsmOptions } from './fgsm.js';
export { pgd, type PgdOptions } from './pgd.js';
export { apgd, type ApgdOptions } from './apgd.js';
export { ApgdSchedule } from './apgdSchedule.js';
export { square, type SquareOptions } from './square.js';
export { squareFraction, squareSide } from './squareSchedule.js';
export { randomNoise, type NoiseKind, type RandomNoiseOptions, type RandomNoiseResult } from './randomNoise.js';
export { ensembleAttack, type AttackUnderGradient, type EnsembleResult, type MemberOutcome } from './ensembleAttack.js';
export {
  cleanAccuracy, robustAccuracy, attackSuccessRate, adversarialRandomGap, gradientSparsity, type GradientSparsity,
} from './metrics.js';
export {
  obfuscationChecks, type AuditSummary, type CheckOutcome, type CheckStatus, type CheckThresholds,
} from './obfuscationChecks.js';
export type { Norm } from './perturbation.js';
export { srObjective, checkSrOptions, marginProbability, strongestWrongClass, type SrOptions } from './srObjective.js';
export {
  parseTrainingMethodOptions, describeTrainingMethod, TRAINING_METHODS,
  type AtAttack, type AtOptions, type TrainingMethodName, type TrainingMethodOptions,
} from './adversarialTrainingOptions.js';
export { adversarialBatch, trainingMethod, trainingMethodDescriptor } from './adversarialTraining.js';
export * from './monitor/index.js';
export type { EventAttackOptions, EventAttackResult } from './events/EventAttack.js';
export type { EventBinning } from './events/EventGrid.js';
export { gradientEventAttack, type GradientEventAttackOptions } from './events/gradientEventAttack.js';
export { randomEventAttack, type RandomEventAttackOptions } from './events/randomEventAttack.js';
export { summarizeEventAttacks, type EventAttackSummary } from './events/summarizeEventAttacks.js';
export { modelToNpz, SPEC_ENTRY } from './npz/modelNpz.js';
export { openNpz, encodeNpz, type NpzArchive } from './npz/npz.js';
export { decodeNpy, encodeNpy, type NpyArray, type NpyLimits } from './npz/npy.js';
export type { NpyDtype, NpyData } from './npz/npyDtype.js';
export { readSpikeNpz, encodeSpikeNpz, type SpikeSet, type SpikeNpzKeys } from './npz/spikeNpz.js';
export * from './audit/index.js';
