export {
  AUDIT_ATTACKS, AUDIT_DEFAULTS, checkAuditSettings, stepSizeAt, effortEps, type AuditAttack, type AuditSettings,
} from './AuditSettings.js';
export { planUnits, unitKey, unitSeed, type AuditUnit } from './AuditUnit.js';
export { runUnit, type UnitResult } from './runUnit.js';
export { flags, parseFlags, type ExampleFrames } from './unitEncoding.js';
export { batchCount, batchData, dataSha256, checkAuditMemory, domainClamp, type BatchData, type DomainClamp } from './auditBatches.js';
export { modelSha256, auditKey } from './auditKey.js';
export { AuditState, type ResumeMode } from './AuditState.js';
export { checkOutputs } from './atomicWrite.js';
export { runAudit, AuditAbortedError, type RunAuditOptions, type AuditRun } from './runAudit.js';
export { summarizeAudit, type AuditSubjects } from './summarizeAudit.js';
export {
  AUDIT_SCHEMA, AUDIT_SCHEMA_VERSION, type AuditReport, type AttackPoint, type SweepPoint, type SparsityEntry,
} from './AuditReport.js';
export type { AuditData } from './data/AuditData.js';
export { npzData } from './data/npzData.js';
export {
  recordingData, readRecordingList, readRecordingFolder, type LabelledFile, type RecordingBinning,
} from './data/recordingData.js';
