import { createRequire } from 'node:module';
import type { BodyCompressor } from '../aedat4/codecs/Codec.js';

/** The part of `zstd-napi` (native zstd, an optional dependency) the writer uses. */
interface ZstdNapi {
  compress(data: Uint8Array, params?: { compressionLevel?: number }): Uint8Array;
}

let cached: ZstdNapi | null | undefined;

function loadZstdNapi(): ZstdNapi | null {
  if (cached === undefined) {
    try {
      cached = createRequire(import.meta.url)('zstd-napi') as ZstdNapi;
    } catch {
      cached = null; // optional dependency not installed or not built for this platform
    }
  }
  return cached;
}

/** True when the native zstd compressor can be loaded. */
export function haveNativeZstd(): boolean {
  return loadZstdNapi() !== null;
}

/**
 * A zstd body compressor using libzstd through `zstd-napi` (one-shot frames, which carry their
 * content size). Level 3 is zstd's default; DV's ZSTD_HIGH corresponds to a higher level.
 * @returns null when `zstd-napi` is not installed.
 */
export function nativeZstdCompressor(level = 3): BodyCompressor | null {
  const z = loadZstdNapi();
  if (z === null) return null;
  return (raw) => {
    const out = z.compress(raw, { compressionLevel: level });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };
}
