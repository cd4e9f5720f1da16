import type { SaccadeParams } from './SaccadeParams.js';

/** Duration of a whole sample (all saccades) in µs. */
export function sampleDurationUs(p: SaccadeParams): number {
  return p.saccades.length * p.saccadeUs;
}

/**
 * The digit's translation `[dx, dy]` (px) at time `us` from the start: along each saccade in turn
 * with a raised-cosine speed profile (slow–fast–slow, as a pan-tilt unit moves), so activity peaks
 * mid-saccade as in the real recordings. Clamped to the path's ends outside `[0, duration]`.
 * @example saccadeOffset(52_500, SACCADE_DEFAULTS) // ≈ [1.75, 3.5]: half way along the first saccade
 */
export function saccadeOffset(us: number, p: SaccadeParams): [number, number] {
  let x = 0;
  let y = 0;
  const k = Math.min(p.saccades.length - 1, Math.max(0, Math.floor(us / p.saccadeUs)));
  for (let i = 0; i < k; i++) {
    x += p.saccades[i]![0];
    y += p.saccades[i]![1];
  }
  const u = Math.min(1, Math.max(0, us / p.saccadeUs - k));
  const s = (1 - Math.cos(Math.PI * u)) / 2;
  return [x + s * p.saccades[k]![0], y + s * p.saccades[k]![1]];
}
