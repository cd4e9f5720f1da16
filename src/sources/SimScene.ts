import { type EventBatch, makeBatch } from '../events/EventBatch.js';
import type { Rng } from '../events/Rng.js';
import type { SimShape } from './SimShape.js';
import { type ShapeMask, shapeMask } from './shapeMask.js';
import { poisson } from '../events/poisson.js';

/** What {@link SimScene} needs: resolved options of `simulatedCamera`. */
export interface SimSceneConfig {
  readonly width: number;
  readonly height: number;
  readonly stepUs: number;
  readonly shapes: readonly SimShape[];
  readonly background: number;
  readonly thresholdLog: number;
  readonly noiseHzPerPixel: number;
  readonly maxEventsPerStep: number;
}

/**
 * One subscription's simulated DVS: per pixel, the log intensity of the rendered scene is compared
 * with the level at the pixel's last event; every whole `thresholdLog` of change is one event (ON
 * for an increase) and moves the reference by that much. Signal events of step k carry
 * t = k·stepUs, in raster order, after the step's noise events (uniform pixels and polarities at
 * integer times in [(k−1)·stepUs, k·stepUs), sorted), so each batch is sorted by time.
 * Scratch arrays are reused; each batch owns fresh columns.
 */
export class SimScene {
  private readonly masks: ShapeMask[];
  private readonly logs: number[];
  private readonly level: Float32Array;
  private readonly ref: Float32Array;
  private readonly counts: Int16Array;

  constructor(private readonly c: SimSceneConfig, private readonly rng: Rng) {
    this.masks = c.shapes.map((s) => shapeMask(s, c));
    this.logs = c.shapes.map((s) => Math.log(s.brightness ?? 1));
    this.level = new Float32Array(c.width * c.height);
    this.counts = new Int16Array(c.width * c.height);
    this.render(0);
    this.ref = this.level.slice();
  }

  /** Simulates step `k >= 1`; returns its events (null when none) and how many were shed. */
  step(k: number): { batch: EventBatch | null; dropped: number } {
    const tUs = k * this.c.stepUs;
    this.render(tUs / 1e6);
    const signal = this.compare();
    const noise = poisson(this.rng, this.c.noiseHzPerPixel * this.c.width * this.c.height * this.c.stepUs / 1e6);
    const keepNoise = Math.min(noise, this.c.maxEventsPerStep);
    const keepSignal = Math.min(signal, this.c.maxEventsPerStep - keepNoise);
    const n = keepNoise + keepSignal;
    const dropped = noise + signal - n;
    if (n === 0) return { batch: null, dropped };
    const cols = { x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n) };
    this.fillNoise(cols, keepNoise, tUs - this.c.stepUs);
    this.fillSignal(cols, keepNoise, n, tUs);
    return { batch: makeBatch(cols, this.c), dropped };
  }

  private render(tS: number): void {
    const { width: W, height: H } = this.c;
    const level = this.level;
    level.fill(Math.log(this.c.background));
    this.masks.forEach((m, i) => {
      const s = this.c.shapes[i]!;
      const x0 = wrap(s.xPx + s.vxPxPerS * tS, m.width, W);
      const y0 = wrap(s.yPx + s.vyPxPerS * tS, m.height, H);
      const v = this.logs[i]!;
      for (let my = Math.max(0, -y0); my < m.height && y0 + my < H; my++) {
        for (let mx = Math.max(0, -x0); mx < m.width && x0 + mx < W; mx++) {
          if (m.on[my * m.width + mx] === 1) level[(y0 + my) * W + x0 + mx] = v;
        }
      }
    });
  }

  /** Counts threshold crossings per pixel into `counts`, moves the references; returns the total. */
  private compare(): number {
    const { level, ref, counts } = this;
    const th = this.c.thresholdLog;
    let total = 0;
    for (let i = 0; i < level.length; i++) {
      const n = Math.max(-32767, Math.min(32767, Math.trunc((level[i]! - ref[i]!) / th)));
      counts[i] = n;
      if (n !== 0) {
        ref[i] = ref[i]! + n * th;
        total += Math.abs(n);
      }
    }
    return total;
  }

  private fillNoise(c: Cols, n: number, t0Us: number): void {
    const { rng } = this;
    for (let i = 0; i < n; i++) c.t[i] = t0Us + Math.floor(rng.next() * this.c.stepUs);
    c.t.subarray(0, n).sort();
    for (let i = 0; i < n; i++) {
      c.x[i] = Math.floor(rng.next() * this.c.width);
      c.y[i] = Math.floor(rng.next() * this.c.height);
      c.p[i] = rng.next() < 0.5 ? 1 : 0;
    }
  }

  private fillSignal(c: Cols, from: number, to: number, tUs: number): void {
    const W = this.c.width;
    let j = from;
    for (let i = 0; i < this.counts.length && j < to; i++) {
      const n = this.counts[i]!;
      for (let r = Math.abs(n); r > 0 && j < to; r--, j++) {
        c.x[j] = i % W;
        c.y[j] = (i - (i % W)) / W;
        c.t[j] = tUs;
        c.p[j] = n > 0 ? 1 : 0;
      }
    }
  }
}

interface Cols { x: Uint16Array; y: Uint16Array; t: Float64Array; p: Uint8Array }

/** Top-left pixel of a shape of `size` px on an axis of `axis` px, wrapping with period axis + size. */
function wrap(pos: number, size: number, axis: number): number {
  const period = axis + size;
  return ((((Math.floor(pos) + size) % period) + period) % period) - size;
}
