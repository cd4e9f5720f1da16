import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../events/Rng.js';

/**
 * Binary-domain (L0) attack steps. A flip of cell i changes the loss by about `g_i·(1 − 2x_i)`
 * (first order): positive when the gradient's sign agrees with the flip's direction (0→1 where
 * g > 0, 1→0 where g < 0). Each sample flips its own top cells by that gain; only positive
 * gains are flipped, so a sample may flip fewer than asked.
 */
export interface FlipState {
  /** The current 0/1 input, `[T, B, …]` flattened T-major (as tfjs stores it). */
  readonly x: Float32Array;
  /** 1 where a cell already differs from the clean input (never flipped back). */
  readonly changed: Uint8Array;
  /** Cells changed per sample so far. */
  readonly count: Int32Array;
}

/** A flip state at the clean input `x0` (copied). */
export function flipStart(x0: Float32Array, B: number): FlipState {
  return { x: Float32Array.from(x0), changed: new Uint8Array(x0.length), count: new Int32Array(B) };
}

/** Cell indices (into the flattened `[T, B, …]`) of sample `b`; `frame` cells per step. */
function cellsOf(b: number, B: number, T: number, frame: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) for (let j = 0; j < frame; j++) out.push((t * B + b) * frame + j);
  return out;
}

/**
 * Flips, per sample, up to `k[b]` unchanged cells with the largest positive gain `g·(1 − 2x)`.
 * `frame` is the cell count of one step of one sample (H·W·C). Mutates `s`.
 */
export function flipTopGain(s: FlipState, grad: Float32Array, k: ArrayLike<number>, B: number, frame: number): void {
  const T = s.x.length / (B * frame);
  const gain = (i: number): number => grad[i]! * (1 - 2 * s.x[i]!);
  for (let b = 0; b < B; b++) {
    const want = k[b] ?? 0;
    if (want <= 0) continue;
    const cand = cellsOf(b, B, T, frame).filter((i) => s.changed[i] === 0 && gain(i) > 0);
    cand.sort((p, q) => gain(q) - gain(p) || p - q);
    for (const i of cand.slice(0, want)) flip(s, i, b);
  }
}

/** Flips, per sample, `k[b]` uniformly chosen unchanged cells (a seeded random start). Mutates `s`. */
export function flipRandom(s: FlipState, k: ArrayLike<number>, B: number, frame: number, rng: Rng): void {
  const T = s.x.length / (B * frame);
  for (let b = 0; b < B; b++) {
    const cells = cellsOf(b, B, T, frame).filter((i) => s.changed[i] === 0);
    const want = Math.min(k[b] ?? 0, cells.length);
    for (let m = 0; m < want; m++) {
      const j = m + Math.floor(rng.next() * (cells.length - m)); // partial Fisher–Yates
      [cells[m], cells[j]] = [cells[j]!, cells[m]!];
      flip(s, cells[m]!, b);
    }
  }
}

function flip(s: FlipState, i: number, b: number): void {
  s.x[i] = 1 - s.x[i]!;
  s.changed[i] = 1;
  s.count[b]! += 1;
}

/** The state's input as a tensor of `shape`. Ownership: new tensor. */
export function flipTensor(s: FlipState, shape: readonly number[]): tf.Tensor {
  return tf.tensor(s.x, [...shape]);
}
