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
