/**
 * Ready pipelines, one per job of the design, composed from the layers: streaming inference
 * (one prediction per time window) with the online robustness monitor beside it, the same chain
 * on a replayed recording, and the robustness audit.
 */
export {
  classifyWindows, windowFrames, classifyFrames, type WindowPrediction, type StreamingInferenceOptions,
} from './streamingInference.js';
export { classifyAndMonitor, type MonitoredOutput } from './monitoredInference.js';
export {
  inferenceConfigOf, MONITOR_DEFAULTS, type InferenceConfig, type SourceConfig, type FiltersConfig, type MonitorConfig, type SinksConfig,
} from './inferenceConfig.js';
export {
  inferenceOutputs, sourceEvents, filterChain, monitorOptions, readLabels, labelAt, emptyCounters,
  type InferenceOutput, type InferenceCounters, type LabelledPrediction, type LabelSegment,
} from './inference.js';
export { runInference, type InferenceSummary, type InferenceHooks } from './runInference.js';
export { mergeConfig, parseAssignment } from './configValues.js';
export { PIPELINE_DEFAULTS, PIPELINE_NAMES, type PipelineName } from './defaults.js';
export { auditConfigOf, auditArguments, type AuditJobConfig } from './auditConfig.js';
