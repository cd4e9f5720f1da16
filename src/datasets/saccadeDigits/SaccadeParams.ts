import { ConfigError } from '../../errors.js';

/**
 * Everything that decides the events of a saccade-digits sample (plain data: it is hashed into
 * the cache key and written into every manifest). Intensities are relative to the screen's white.
 */
export interface SaccadeParams {
  /** Square canvas side in pixels (N-MNIST: 34). */
  readonly side: number;
  /** The digit's translations, one per saccade, in pixels `[dx, dy]` (they sum to zero: a closed triangle). */
  readonly saccades: readonly (readonly [number, number])[];
  /** Duration of one saccade in µs. */
  readonly saccadeUs: number;
  /** Simulation step in µs (the image is re-sampled, bilinearly, every step). */
  readonly stepUs: number;
  /** Mean contrast threshold in log intensity, ON and OFF. */
  readonly threshold: number;
  /** Per-pixel, per-polarity threshold mismatch σ (drawn once per sample). */
  readonly mismatch: number;
  /** Below this intensity the pixel's response is linear, not logarithmic (v2e's lin_log). */
  readonly linearBelow: number;
  /** The screen's black: the intensity of a background pixel. */
  readonly black: number;
  /** After an event a pixel cannot fire for this long (µs). */
  readonly refractoryUs: number;
  /** Background-activity noise: events per pixel per second, random polarity. */
  readonly noiseHz: number;
}

/** Bumped whenever the generator's code changes its output or order for the same params (cache key). */
export const GENERATOR_VERSION = 2;

/**
 * The N-MNIST protocol (Orchard et al. 2015): a 34×34 canvas, the 28×28 digit moved along three
 * saccades of ~105 ms, (+3.5, +7), (+3.5, −7), (−7, 0) px; a DVS with θ ≈ 0.2 (σ 0.03), calibrated
 * so that counts match the real N-MNIST sample (test/datasets/saccadeDigits.test.ts states the bounds).
 */
export const SACCADE_DEFAULTS: SaccadeParams = {
  side: 34,
  saccades: [[3.5, 7], [3.5, -7], [-7, 0]],
  saccadeUs: 105_000,
  stepUs: 1_000,
  threshold: 0.2,
  mismatch: 0.03,
  linearBelow: 20 / 255,
  black: 0.4,
  refractoryUs: 1_000,
  noiseHz: 0.2,
};

/**
 * Checks generator parameters before any work.
 * @throws ConfigError for a non-finite or out-of-range value, an open saccade path or a digit
 *   that would not fit the canvas.
 */
export function checkSaccadeParams(p: SaccadeParams): void {
  const positive = (name: string, v: number): void => {
    if (!(Number.isFinite(v) && v > 0)) throw new ConfigError(`saccade digits: ${name} must be a positive number, got ${v}`);
  };
  if (!Number.isInteger(p.side) || p.side < 28 || p.side > 255) throw new ConfigError(`saccade digits: side must be an integer in [28, 255], got ${p.side}`);
  positive('saccadeUs', p.saccadeUs);
  positive('stepUs', p.stepUs);
  positive('threshold', p.threshold);
  positive('linearBelow', p.linearBelow);
  if (p.saccadeUs / p.stepUs > 100_000) throw new ConfigError('saccade digits: more than 100,000 steps per saccade');
  for (const [name, v] of [['mismatch', p.mismatch], ['refractoryUs', p.refractoryUs], ['noiseHz', p.noiseHz]] as const) {
    if (!(Number.isFinite(v) && v >= 0)) throw new ConfigError(`saccade digits: ${name} must be ≥ 0, got ${v}`);
  }
  if (!(p.black >= 0 && p.black < 1)) throw new ConfigError(`saccade digits: black must be in [0, 1), got ${p.black}`);
  if (p.noiseHz > 1000) throw new ConfigError(`saccade digits: noiseHz ${p.noiseHz} is beyond any sensor (≤ 1000)`);
  if (p.saccades.length === 0 || p.saccades.length > 16) throw new ConfigError('saccade digits: 1 to 16 saccades');
  const end = p.saccades.reduce(([x, y], [dx, dy]) => [x + dx, y + dy], [0, 0]);
  if (Math.abs(end[0]!) > 1e-9 || Math.abs(end[1]!) > 1e-9) throw new ConfigError('saccade digits: the saccades must return the digit to its start');
  if (p.saccades.flat().some((v) => !Number.isFinite(v) || Math.abs(v) > p.side)) throw new ConfigError('saccade digits: a saccade longer than the canvas');
}
