import { ConfigError } from '../../errors.js';
import type { SensorSize } from '../../events/EventBatch.js';

/** Largest sensor (in pixels) a stateful filter allocates per-pixel state for: 2^26 (512 MiB of Float64). */
export const MAX_STATE_PIXELS = 2 ** 26;

/**
 * Checks the sensor size a filter keeps per-pixel state for: integers in [1, 65536] (the range of
 * Uint16 coordinates) and at most {@link MAX_STATE_PIXELS} pixels, so state memory is bounded.
 *
 * @throws ConfigError naming the filter and the bad value.
 */
export function checkSensor(filter: string, s: SensorSize): void {
  for (const [name, v] of [['width', s.width], ['height', s.height]] as const) {
    if (!(Number.isInteger(v) && v >= 1 && v <= 65536)) {
      throw new ConfigError(`${filter}: ${name} must be an integer in [1, 65536], got ${v}`);
    }
  }
  if (s.width * s.height > MAX_STATE_PIXELS) {
    throw new ConfigError(`${filter}: ${s.width}×${s.height} exceeds ${MAX_STATE_PIXELS} pixels of filter state`);
  }
}

/** Checks that `v` is a finite number >= 0. @throws ConfigError */
export function checkNonNegative(filter: string, name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new ConfigError(`${filter}: ${name} must be a finite number >= 0, got ${v}`);
}
