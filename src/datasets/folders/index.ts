export { DATASET_LAYOUTS, type DatasetIndex, type DatasetLayout, type DatasetSample } from './DatasetIndex.js';
export { openDatasetFolder } from './openDatasetFolder.js';
export { readSampleEvents, sampleReader, type SampleEvents, type SampleReaderOptions } from './readSampleEvents.js';
export { datasetSampleSet, type DatasetFrames } from './datasetSampleSet.js';
export { FRAME_PRESETS, DEFAULT_PRESET, framePreset, type FramePreset, type PresetName } from './presets.js';
export { resizeFrames } from './resizeFrames.js';
export { CIFAR10DVS_CLASSES, DVSGESTURE_CLASSES } from './layouts.js';
