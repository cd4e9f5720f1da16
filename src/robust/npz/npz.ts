import { ConfigError, DecodeError } from '../../errors.js';
import { type NpyArray, type NpyLimits, DEFAULT_MAX_BYTES, decodeNpy, encodeNpy } from './npy.js';
import { readZip } from './zipRead.js';
import { writeZip } from './zipWrite.js';

/** An opened `.npz`: the array names and a decoder per name (arrays are decoded on demand). */
export interface NpzArchive {
  /** Array names as numpy gives them (member names without `.npy`). */
  readonly names: readonly string[];
  /**
   * Decodes one array (see {@link decodeNpy}); the result is a copy the caller owns.
   * @throws ConfigError for an unknown name; DecodeError for damaged content.
   */
  get(name: string): NpyArray;
}

/**
 * Opens an in-memory `.npz` (as `numpy.savez` / `savez_compressed` write). Every member must be
 * an `.npy`; no member over `maxBytes` (default 1 GiB) is inflated.
 * @throws DecodeError (format `zip`/`npz`) for a damaged archive or a member that is not `.npy`.
 * @example const npz = openNpz(bytes); const x = npz.get('x');
 */
export function openNpz(bytes: Uint8Array, limits: NpyLimits = {}): NpzArchive {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  // A member is its array plus a header (≤ 10,000 bytes): allow that over maxBytes.
  const entries = new Map(readZip(bytes, maxBytes + 0x10000).map((e) => {
    if (!e.name.endsWith('.npy')) throw new DecodeError('npz', 0, 'members named *.npy', JSON.stringify(e.name));
    return [e.name.slice(0, -4), e] as const;
  }));
  return {
    names: [...entries.keys()],
    get(name: string): NpyArray {
      const e = entries.get(name);
      if (e === undefined) throw new ConfigError(`npz: no array "${name}"; it holds ${[...entries.keys()].join(', ') || 'nothing'}`);
      try {
        return decodeNpy(e.read(), { maxBytes });
      } catch (err) {
        // Offsets are inside the member: say which one.
        if (err instanceof DecodeError) err.message = `${name}.npy: ${err.message}`;
        throw err;
      }
    },
  };
}

/**
 * Encodes named arrays as an `.npz` (members `name.npy`, NPY 1.0), stored or deflated.
 * `numpy.load(path)[name]` reads each back.
 * @throws ConfigError for a repeated/empty name or an array whose data does not fit its shape.
 * @example writeFileSync('w.npz', encodeNpz([['x', { dtype: 'f4', shape: [2], data }]]));
 */
export function encodeNpz(arrays: readonly (readonly [string, NpyArray])[], o: { compress?: boolean } = {}): Uint8Array {
  return writeZip(arrays.map(([name, a]) => ({ name: `${name}.npy`, data: encodeNpy(a) })), { deflate: o.compress ?? false });
}
