import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';

/**
 * Resolved sizes of a binning kernel call: `width`/`height` from the options or the batch, and
 * `size = bins·height·width·channels` floats.
 *
 * @throws ConfigError when a size is not an integer >= 1 or `out` has fewer than `offset + size` floats.
 * @example
 * const { size } = frameGeometry(batch, {}, 5, 2, undefined, 0);
 */
export function frameGeometry(b: EventBatch, o: { width?: number; height?: number }, bins: number, channels: number,
  out: Float32Array | undefined, offset: number): { width: number; height: number; size: number } {
  const width = o.width ?? b.width;
  const height = o.height ?? b.height;
  for (const [name, v] of [['width', width], ['height', height], ['time bins', bins]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new ConfigError(`${name} must be an integer >= 1, got ${v}`);
  }
  const size = bins * height * width * channels;
  if (out && !(Number.isInteger(offset) && offset >= 0 && offset + size <= out.length)) {
    throw new ConfigError(`output has ${out.length} floats; need ${size} from offset ${offset}`);
  }
  return { width, height, size };
}
