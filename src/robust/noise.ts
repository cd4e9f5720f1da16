import type { Rng } from '../events/Rng.js';

/** `n` values uniform in [−1, 1). */
export function uniformSigned(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rng.next() - 1;
  return out;
}

/** `n` standard normal values (Box–Muller; `1 − next()` avoids log 0). */
export function gaussian(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const a = 2 * Math.PI * rng.next();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

/** `n` values each −1 or +1 with equal probability. */
export function signs(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < 0.5 ? -1 : 1;
  return out;
}
