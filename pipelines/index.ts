/**
 * Ready pipelines, one per job of the design, composed from the layers: streaming inference
 * (one prediction per time window) and the same with the online robustness monitor beside it.
 */
export {
  classifyWindows, windowFrames, classifyFrames, type WindowPrediction, type StreamingInferenceOptions,
} from './streamingInference.js';
export { classifyAndMonitor, type MonitoredOutput } from './monitoredInference.js';
