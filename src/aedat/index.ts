/**
 * The aedat-parser: incremental decoders for event-camera files and an AEDAT 4.0 writer.
 * No dependency on TensorFlow.js, RxJS or Node built-ins (see `spikeguard/aedat/node` for files).
 */
export * from './core/types.js';
export { DecodeError, TruncatedInputError, ConfigError, SpikeguardError } from '../errors.js';
export { openDecoder, createDecoder, type OpenDecoderOptions } from './openDecoder.js';
export { detectFormat, DETECT_BYTES, type Detection } from './detectFormat.js';
export { decodeAll, collectOutputs, feedChunks, type DecodedFile } from './decodeAll.js';
export { summaryBuilder, type RecordingSummary, type SummaryBuilder } from './summarize.js';
export { createAedat2Decoder, type Aedat2Options, type Aedat2Chip } from './aedat2/Aedat2Decoder.js';
export { createAedat3Decoder } from './aedat3/Aedat3Decoder.js';
export { createAedat4Decoder, type Aedat4Decoder, type Aedat4Options } from './aedat4/Aedat4Decoder.js';
export {
  createAedat4Writer, writeAedat4, type Aedat4Compression, type Aedat4Patch, type Aedat4Writer, type Aedat4WriterOptions,
} from './aedat4/Aedat4Writer.js';
export { createEsDecoder, type EsStreamType } from './es/EsDecoder.js';
export { createNmnistDecoder, type NmnistOptions } from './nmnist/NmnistDecoder.js';
export { encodeNmnist, NMNIST_MAX_US } from './nmnist/encodeNmnist.js';
export {
  createPropheseeDecoder, type PropheseeEncoding, type PropheseeOptions, type PropheseeTrigger,
} from './prophesee/PropheseeDecoder.js';
