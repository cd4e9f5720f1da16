/**
 * Sources: cold RxJS streams of event batches from files (paced or at max speed) and from a
 * simulated camera, with every drop and skip counted in {@link SourceMetrics}.
 */
export type { SourceMetrics } from './SourceMetrics.js';
export type { Pacing } from './Pacing.js';
export type { SimShape, SimMotion } from './SimShape.js';
export type { ReplayOptions, SideOutputs } from './ReplayOptions.js';
export { FileReadError } from './FileReadError.js';
export { fileChunkReader, type FileChunkReader } from './fileChunkReader.js';
export { bytesChunkReader } from './bytesChunkReader.js';
export { replayChunks } from './replayChunks.js';
export { replayFile } from './replayFile.js';
export { shapeMask, type ShapeMask } from './shapeMask.js';
export { defaultScene } from './defaultScene.js';
export { SimScene, type SimSceneConfig } from './SimScene.js';
export { simulatedCamera, type SimulatedCameraOptions } from './simulatedCamera.js';
export * from './feed/index.js';
export * from './aedat4Net/index.js';
export { backoffDelayMs, type ConnectionState, type ReconnectOptions } from './reconnect.js';
