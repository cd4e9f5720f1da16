/** Node-only helpers of the aedat-parser: streaming files from and to disk. */
export { streamEventFile, readEventFile, type FileReadOptions } from './streamEventFile.js';
export { writeAedat4File } from './writeAedat4File.js';
export { nativeZstdCompressor, haveNativeZstd } from './nativeCompressors.js';
