/**
 * Transforms: windowing of event streams (time / count / sliding / whole-stream bins) and binning
 * into spike tensors (frames, voxel grids), as pure kernels plus thin RxJS operators.
 */
export type { EventWindow } from './EventWindow.js';
export type { Slicing, BinEdges } from './Slicing.js';
export type { Windower } from './Windower.js';
export type { SpikeFrame } from './SpikeFrame.js';
export { sortByTime } from './sortByTime.js';
export { EventQueue } from './EventQueue.js';
export { TimeWindower } from './TimeWindower.js';
export { CountWindower } from './CountWindower.js';
export { WholeStreamWindower } from './WholeStreamWindower.js';
export { binWholeStream, type WholeStreamBins, type WholeStreamResult } from './binWholeStream.js';
export { windowEvents } from './windowEvents.js';
export { frameGeometry } from './frameGeometry.js';
export { binFrames, type BinResult, type FrameOptions, type FrameValues, type TimeBounds } from './binFrames.js';
export { binVoxelGrid, type VoxelOptions } from './binVoxelGrid.js';
export { binSample, type SampleFrames } from './binSample.js';
export { toFrames, type SpikeEncoding, type ToFramesOptions } from './toFrames.js';
export { batchFrames, type FrameBatch } from './batchFrames.js';
export type { FilterResult } from './filters/FilterResult.js';
export type { FilterMetrics, OnFilterMetrics } from './filters/FilterMetrics.js';
export { filterOperator, type StreamFilter } from './filters/filterOperator.js';
export { selectEvents } from './filters/selectEvents.js';
export { MAX_STATE_PIXELS } from './filters/checkSensor.js';
export { refractory, refractoryFilter, refractoryState, type RefractoryOptions } from './filters/refractory.js';
export { denoise, denoiseFilter, denoiseState, type DenoiseOptions } from './filters/denoise.js';
export { countPixelEvents, detectHotPixels, markHotPixels, pixelMask, removePixels, type Pixel } from './filters/hotPixels.js';
export { hotPixelFilter, type HotPixelOptions } from './filters/hotPixelFilter.js';
export { centerCropRoi, checkRoi, crop, cropFilter, type Roi } from './filters/crop.js';
export { downsample, downsampleFilter, type SpatialScale } from './filters/downsample.js';
export { mergePolarities, mergePolaritiesFilter, polarityFilter, selectPolarity } from './filters/polarity.js';
export { flipFilter, flipLR, flipPolarity, flipUD } from './filters/flips.js';
export { augmentOperator, type AugmentRng } from './augment/augmentOperator.js';
export { fillGaussian } from './augment/gaussian.js';
export { dropEvents, dropEventsAugment } from './augment/dropEvents.js';
export { spatialJitter, spatialJitterAugment, type SpatialJitterOptions } from './augment/spatialJitter.js';
export { timeJitter, timeJitterAugment } from './augment/timeJitter.js';
export { uniformNoise, uniformNoiseAugment } from './augment/uniformNoise.js';
export { framePool, type FramePool } from './framePool.js';
