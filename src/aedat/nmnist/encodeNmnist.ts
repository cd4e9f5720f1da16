import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';

/** Largest timestamp a 40-bit N-MNIST record holds (23 bits, µs). */
export const NMNIST_MAX_US = 2 ** 23 - 1;

/**
 * Encodes events in the 40-bit N-MNIST / N-Caltech101 `.bin` layout (Orchard et al. 2015): per
 * event `x`, `y` (one byte each), then polarity in bit 7 and the 23-bit µs timestamp big-endian
 * over the last three bytes. The format has no header and no sensor size.
 * @throws ConfigError for an event that does not fit: x or y > 255, t not a whole number in
 *   [0, 2^23), or polarity other than 0/1 (nothing is written then).
 * @example writeFileSync('0.bin', encodeNmnist(events));
 */
export function encodeNmnist(b: EventBatch): Uint8Array {
  const n = b.t.length;
  const out = new Uint8Array(5 * n);
  for (let i = 0; i < n; i++) {
    const x = b.x[i]!, y = b.y[i]!, t = b.t[i]!, p = b.p[i]!;
    if (x > 255 || y > 255) throw new ConfigError(`N-MNIST .bin: event ${i} at (${x}, ${y}) does not fit its one-byte coordinates`);
    if (!(Number.isInteger(t) && t >= 0 && t <= NMNIST_MAX_US)) throw new ConfigError(`N-MNIST .bin: event ${i} at t = ${t} µs does not fit its 23-bit timestamp`);
    if (p > 1) throw new ConfigError(`N-MNIST .bin: event ${i} has polarity ${p} (0 or 1)`);
    const at = 5 * i;
    out[at] = x;
    out[at + 1] = y;
    out[at + 2] = (p << 7) | (t >>> 16);
    out[at + 3] = (t >>> 8) & 0xff;
    out[at + 4] = t & 0xff;
  }
  return out;
}
