import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { seededRng } from '../events/seededRng.js';
import type { Rng } from '../events/Rng.js';
import type { SnnModel } from '../snn/index.js';
import { checkBatch } from './attackGradient.js';
import type { AttackResult } from './AttackResult.js';
import { checkDomain, domainMax, type InputDomain } from './InputDomain.js';
import { checkCount, checkNonNegative } from './perturbation.js';
import { squareFraction, squareSide } from './squareSchedule.js';

export interface SquareOptions {
  /** L∞ budget in the domain's units (unit or counts; binary is not supported). */
  readonly eps: number;
  /** Queries (batched forward passes after the initial one); each still-robust sample is queried once per pass. */
  readonly queries: number;
  /** Initial fraction of pixels per square (default 0.05, the paper's L∞ value). */
  readonly pInit?: number;
  readonly domain: InputDomain;
  readonly seed: number;
}

/** Layout of `[T, B, H, W, C]` as the search needs it. */
interface Layout { readonly T: number; readonly B: number; readonly H: number; readonly W: number; readonly C: number }

/**
 * Square attack, L∞ (Andriushchenko et al. 2020): a gradient-free random search — the check that a
 * model's robustness is not an artefact of obfuscated gradients. Starts from vertical stripes of
 * ±ε; each query moves one random square window (side from {@link squareFraction}) of every
 * still-robust sample to a vertex ±ε of the ball, independently per time step and polarity
 * (the square is spatial: it covers H×W, all of T·C), and keeps it when the margin loss
 * `z_y − max_{k≠y} z_k` decreases. A sample stops once fooled. Only forward passes in
 * inference mode (no gradient is ever taken); the model is not changed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * `result.queries` is the number of batched forward passes made (1 + queries at most).
 * @throws ConfigError for a binary domain, an input not `[T, B, H, W, C]`, invalid ε, query count
 *   or pInit, or mismatched labels.
 * @example square(model, x, labels, { eps: 0.1, queries: 300, domain: { kind: 'unit' }, seed: 0 })
 */
export function square(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: SquareOptions): AttackResult {
  const L = checkSquare(x, labels, o);
  const rng = seededRng(o.seed);
  const x0 = x.dataSync() as Float32Array;
  const best = stripes(x0, L, o, rng);
  let { margin, fooled } = marginsOf(model, best, x.shape, labels);
  let passes = 1;
  for (let q = 0; q < o.queries && fooled.some((f) => f === 0); q++) {
    const s = squareSide(squareFraction(o.pInit ?? 0.05, q, o.queries), L.H, L.W);
    const cand = Float32Array.from(best);
    const windows = Array.from({ length: L.B }, () => [Math.floor(rng.next() * (L.H - s + 1)), Math.floor(rng.next() * (L.W - s + 1))] as const);
    for (let b = 0; b < L.B; b++) if (fooled[b] === 0) moveSquare(cand, x0, L, b, windows[b]!, s, o, rng);
    const next = marginsOf(model, cand, x.shape, labels);
    passes++;
    for (let b = 0; b < L.B; b++) {
      if (fooled[b] === 1 || !(next.margin[b]! < margin[b]!)) continue;
      copySample(best, cand, L, b);
      margin[b] = next.margin[b]!;
      fooled[b] = next.fooled[b]!;
    }
  }
  return { xAdv: tf.tensor(best, x.shape), fooled, queries: passes, domain: o.domain };
}

function checkSquare(x: tf.Tensor, labels: Int32Array, o: SquareOptions): Layout {
  checkDomain(o.domain);
  if (o.domain.kind === 'binary') throw new ConfigError('square: the binary domain is not supported (L∞ search)');
  checkNonNegative('square: eps', o.eps);
  checkCount('square: queries', o.queries, 0);
  if (o.pInit !== undefined && !(o.pInit > 0 && o.pInit <= 1)) throw new ConfigError(`square: pInit must be in (0, 1], got ${o.pInit}`);
  checkBatch(x, labels);
  if (x.rank !== 5) throw new ConfigError(`square: x must be [T, B, H, W, C], got [${x.shape.join(', ')}]`);
  const [T = 0, B = 0, H = 0, W = 0, C = 0] = x.shape;
  return { T, B, H, W, C };
}

const index = (L: Layout, t: number, b: number, h: number, w: number, c: number): number =>
  (((t * L.B + b) * L.H + h) * L.W + w) * L.C + c;

/** x + ε·(one random sign per column, time step and polarity), clamped to the domain. */
function stripes(x0: Float32Array, L: Layout, o: SquareOptions, rng: Rng): Float32Array {
  const out = new Float32Array(x0.length);
  const hi = domainMax(o.domain);
  for (let b = 0; b < L.B; b++) {
    for (let t = 0; t < L.T; t++) {
      for (let w = 0; w < L.W; w++) {
        for (let c = 0; c < L.C; c++) {
          const sign = rng.next() < 0.5 ? -o.eps : o.eps;
          for (let h = 0; h < L.H; h++) {
            const i = index(L, t, b, h, w, c);
            out[i] = Math.min(Math.max(x0[i]! + sign, 0), hi);
          }
        }
      }
    }
  }
  return out;
}

/** Sets sample b's window to the vertex x0 ± ε (one sign per time step and polarity), clamped. */
function moveSquare(cand: Float32Array, x0: Float32Array, L: Layout, b: number, at: readonly [number, number], s: number, o: SquareOptions, rng: Rng): void {
  const hi = domainMax(o.domain);
  for (let t = 0; t < L.T; t++) {
    for (let c = 0; c < L.C; c++) {
      const sign = rng.next() < 0.5 ? -o.eps : o.eps;
      for (let h = at[0]; h < at[0] + s; h++) {
        for (let w = at[1]; w < at[1] + s; w++) {
          const i = index(L, t, b, h, w, c);
          cand[i] = Math.min(Math.max(x0[i]! + sign, 0), hi);
        }
      }
    }
  }
}

function copySample(into: Float32Array, from: Float32Array, L: Layout, b: number): void {
  const frame = L.H * L.W * L.C;
  for (let t = 0; t < L.T; t++) {
    const start = (t * L.B + b) * frame;
    into.set(from.subarray(start, start + frame), start);
  }
}

/** Margin `z_y − max_{k≠y} z_k` and fooled flags (argmax ≠ y) of one inference pass. */
function marginsOf(model: SnnModel, values: Float32Array, shape: number[], labels: Int32Array): { margin: Float32Array; fooled: Uint8Array } {
  const z = tf.tidy(() => model.forward(tf.tensor(values, shape), { training: false }).dataSync());
  const B = labels.length;
  const K = z.length / B;
  const margin = new Float32Array(B);
  const fooled = new Uint8Array(B);
  for (let b = 0; b < B; b++) {
    const y = labels[b]!;
    let other = -Infinity;
    let arg = 0;
    for (let k = 0; k < K; k++) {
      if (k !== y) other = Math.max(other, z[b * K + k]!);
      if (z[b * K + k]! > z[b * K + arg]!) arg = k;
    }
    margin[b] = z[b * K + y]! - other;
    fooled[b] = arg === y ? 0 : 1;
  }
  return { margin, fooled };
}
