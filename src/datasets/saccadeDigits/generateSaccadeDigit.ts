import { ConfigError } from '../../errors.js';
import { ColumnBuilder } from '../../aedat/core/ColumnBuilder.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { seededRng } from '../../events/seededRng.js';
import { sortByTime } from '../../transforms/sortByTime.js';
import { MNIST_SIDE } from './mnistDigits.js';
import type { SaccadeParams } from './SaccadeParams.js';
import { sampleDurationUs, saccadeOffset } from './saccadePath.js';

/** A pixel emits at most this many events per step: a bound, far above any real change. */
const MAX_EVENTS_PER_PIXEL_STEP = 64;

/**
 * The events a DVS would record of a 28×28 `image` (intensities in [0, 1]) shown on a screen while
 * the camera makes the saccades of `p` (N-MNIST's protocol). Per step the image is re-sampled at
 * the current sub-pixel offset (bilinear) onto the canvas; each pixel compares its log intensity
 * (linear below `p.linearBelow`) with the level memorised at its last event and emits one event per
 * threshold crossed, each timed where the crossing falls inside the step (linear in log intensity),
 * unless still refractory (the level then waits, so the change is reported once the pixel may fire).
 * Thresholds carry per-pixel mismatch; background-activity noise is added. Seeded: the same image,
 * params and seed give the same events. Times in whole µs from 0, sorted; p = 1 ON.
 * @throws ConfigError if `image` is not 784 values.
 * @example const events = generateSaccadeDigit(digits.images.subarray(0, 784), SACCADE_DEFAULTS, 1);
 */
export function generateSaccadeDigit(image: Float32Array, p: SaccadeParams, seed: number): EventBatch {
  if (image.length !== MNIST_SIDE * MNIST_SIDE) throw new ConfigError(`saccade digits: an image has ${MNIST_SIDE * MNIST_SIDE} values, got ${image.length}`);
  const rng = seededRng(seed);
  const side = p.side;
  const n = side * side;
  const thresholds = drawThresholds(n, p, rng);
  const canvas = new Float32Array(n);
  const previous = new Float32Array(n);
  const memorised = new Float64Array(n);
  const lastUs = new Float64Array(n).fill(-Infinity);
  const out = new ColumnBuilder();
  const logOf = logIntensity(p);
  const padded = padImage(image, side);
  render(padded, saccadeOffset(0, p), p, logOf, previous);
  memorised.set(previous);
  const steps = Math.ceil(sampleDurationUs(p) / p.stepUs);
  for (let k = 1; k <= steps; k++) {
    const t1 = Math.min(k * p.stepUs, sampleDurationUs(p));
    const t0 = (k - 1) * p.stepUs;
    render(padded, saccadeOffset(t1, p), p, logOf, canvas);
    for (let i = 0; i < n; i++) {
      const from = previous[i]!;
      const to = canvas[i]!;
      const change = to - from;
      for (let e = 0; e < MAX_EVENTS_PER_PIXEL_STEP; e++) {
        const on = to - memorised[i]! >= thresholds[2 * i]!;
        if (!on && memorised[i]! - to < thresholds[2 * i + 1]!) break;
        const level = on ? memorised[i]! + thresholds[2 * i]! : memorised[i]! - thresholds[2 * i + 1]!;
        const frac = change === 0 ? 0 : Math.min(1, Math.max(0, (level - from) / change));
        const us = Math.round(t0 + frac * (t1 - t0));
        if (us - lastUs[i]! < p.refractoryUs) break;
        out.push(us, i % side, (i / side) | 0, on ? 1 : 0);
        memorised[i] = level;
        lastUs[i] = us;
      }
    }
    previous.set(canvas);
  }
  addNoise(out, p, rng);
  return sortByTime(out.finish({ width: side, height: side }));
}

/** Per pixel ON and OFF thresholds `[on₀, off₀, on₁, …]`: mean ± mismatch (Gaussian), at least a tenth of the mean. */
function drawThresholds(n: number, p: SaccadeParams, rng: Rng): Float32Array {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(p.threshold / 10, p.threshold + p.mismatch * gaussian(rng));
  return out;
}

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** The pixel response: `ln I`, linear below `linearBelow` through 0 (v2e's lin_log), continuous. */
function logIntensity(p: SaccadeParams): (intensity: number) => number {
  const f = p.linearBelow;
  const slope = Math.log(f) / f;
  return (v) => (v < f ? v * slope : Math.log(v));
}

/** The image inside a border of zeros as wide as the canvas, so shifted reads need no bounds checks. */
interface PaddedImage {
  readonly values: Float32Array;
  readonly stride: number;
  readonly pad: number;
}

function padImage(image: Float32Array, side: number): PaddedImage {
  const pad = side + 1;
  const stride = MNIST_SIDE + 2 * pad;
  const values = new Float32Array(stride * stride);
  for (let r = 0; r < MNIST_SIDE; r++) values.set(image.subarray(r * MNIST_SIDE, (r + 1) * MNIST_SIDE), (r + pad) * stride + pad);
  return { values, stride, pad };
}

/**
 * The canvas' log intensities with the digit (centred at rest) translated by `offset`: a uniform
 * shift, so the bilinear weights are the same for every pixel. Off the image: the screen's black.
 */
function render(image: PaddedImage, offset: readonly [number, number], p: SaccadeParams, logOf: (v: number) => number, out: Float32Array): void {
  const side = p.side;
  const margin = (side - MNIST_SIDE) / 2;
  const sx = offset[0] + margin;
  const sy = offset[1] + margin;
  const ix = Math.floor(sx);
  const iy = Math.floor(sy);
  const fx = sx - ix;
  const fy = sy - iy;
  const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
  const { values, stride, pad } = image;
  const blackLog = logOf(p.black);
  const gain = 1 - p.black;
  for (let y = 0; y < side; y++) {
    // canvas (x, y) shows image point (x − sx, y − sy): image pixels (r, c), (r, c−1), (r−1, c), (r−1, c−1)
    let at = (y - iy + pad) * stride + (pad - ix);
    for (let x = 0; x < side; x++, at++) {
      const v = w00 * values[at]! + w01 * values[at - 1]! + w10 * values[at - stride]! + w11 * values[at - stride - 1]!;
      out[y * side + x] = v === 0 ? blackLog : logOf(p.black + gain * v);
    }
  }
}

/** Background activity: a Poisson process of rate `noiseHz` per pixel over the sample, random polarity. */
function addNoise(out: ColumnBuilder, p: SaccadeParams, rng: Rng): void {
  const n = p.side * p.side;
  const rate = (p.noiseHz * n) / 1e6; // events per µs over the canvas
  if (rate === 0) return;
  const end = sampleDurationUs(p);
  for (let t = -Math.log(1 - rng.next()) / rate; t < end; t += -Math.log(1 - rng.next()) / rate) {
    const i = Math.min(n - 1, Math.floor(rng.next() * n));
    out.push(Math.floor(t), i % p.side, (i / p.side) | 0, rng.next() < 0.5 ? 1 : 0);
  }
}
