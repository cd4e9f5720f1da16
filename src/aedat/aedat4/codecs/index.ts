import type { BodyDecompressor, CompressionName } from './Codec.js';
import { Lz4FrameDecoder } from './lz4Frame.js';
import { Lz4WasmDecoder } from './wasm/Lz4WasmDecoder.js';
import { wasmKernels } from './wasm/wasmKernels.js';
import { ZstdFrameDecoder } from './zstdFrame.js';

export * from './Codec.js';
export { Aedat4BodyError } from './CodecError.js';

/**
 * The decompressor for a file's compression (null for NONE). LZ4_HIGH and ZSTD_HIGH differ from
 * LZ4 and ZSTD only in the encoder level; decoding is the same. Each call returns a fresh
 * decompressor (the LZ4 one owns a scratch buffer, or shares the WebAssembly kernels' memory).
 * @param wasm decode LZ4 blocks in WebAssembly when available (default); false, or no
 *   WebAssembly, selects the JS decoder (the reference; same output and errors).
 */
export function decompressorFor(c: CompressionName, wasm = true): BodyDecompressor | null {
  switch (c) {
    case 'NONE':
      return null;
    case 'LZ4':
    case 'LZ4_HIGH':
      return wasm && wasmKernels() !== null ? new Lz4WasmDecoder() : new Lz4FrameDecoder();
    case 'ZSTD':
    case 'ZSTD_HIGH':
      return new ZstdFrameDecoder();
  }
}
