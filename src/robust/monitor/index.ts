export { monitorRobustness } from './monitorRobustness.js';
export { checkMonitorOptions, probeOptions, type MonitorOptions } from './MonitorOptions.js';
export type { MonitorRecord, SearchStatus } from './MonitorRecord.js';
export { FlipSearch } from './FlipSearch.js';
export { cleanPrediction, type CleanPrediction } from './cleanPrediction.js';
export { randomFlipRate } from './randomFlipRate.js';
export { measureWindow, type WindowMeasure, type WindowSample } from './measureWindow.js';
export { monitorOptionsOf, type MonitorSettings } from './monitorSettings.js';
