import { seededRng } from '../events/seededRng.js';
import type { SampleSet } from '../snn/train/SampleSet.js';

/** Directions of {@link movingBars}, in label order. */
export const BAR_DIRECTIONS = ['right', 'left', 'down', 'up'] as const;

export interface MovingBarsOptions {
  readonly samples: number;
  /** Time steps per sample (frames). */
  readonly T: number;
  /** Square sensor side in pixels (34 matches N-MNIST). */
  readonly size: number;
  readonly seed: number;
  /** Probability of a noise spike per pixel, polarity and step (default 0.01). */
  readonly noise?: number;
}

/**
 * A synthetic event-camera task generated in memory: a bar (2–4 px thick, random speed 1–3 px
 * per step, random start) moves right, left, down or up (label 0–3). A moving edge gives ON
 * spikes (channel 1) on its leading side and OFF spikes (channel 0) on its trailing side, as a
 * DVS does for a bright bar; plus uniform noise spikes. Direction is only visible over time,
 * so a network must integrate across steps. Samples are `[T, size, size, 2]`, built on demand.
 * @example const set = movingBars({ samples: 512, T: 8, size: 34, seed: 1 });
 */
export function movingBars(o: MovingBarsOptions): SampleSet {
  const { T, size } = o;
  const noise = o.noise ?? 0.01;
  const frame = size * size * 2;
  const buffer = new Float32Array(T * frame);
  return {
    size: o.samples,
    shape: [T, size, size, 2],
    get: (i) => {
      const rng = seededRng(o.seed * 7919 + i);
      const label = Math.floor(rng.next() * 4);
      const thick = 2 + Math.floor(rng.next() * 3);
      const speed = 1 + Math.floor(rng.next() * 3);
      const travel = speed * (T - 1) + thick;
      const start = Math.floor(rng.next() * Math.max(1, size - travel));
      buffer.fill(0);
      const forward = label === 0 || label === 2;
      const vertical = label >= 2;
      for (let t = 0; t < T; t++) {
        const offset = start + speed * t;
        const lead = forward ? offset + thick : size - 1 - offset - thick;
        const trail = forward ? offset : size - 1 - offset;
        for (let a = 0; a < size; a++) {
          for (let s = 0; s < speed; s++) {
            const on = forward ? lead + s : lead - s;
            const off = forward ? trail + s : trail - s;
            for (const [pos, channel] of [[on, 1], [off, 0]] as const) {
              if (pos < 0 || pos >= size) continue;
              const [y, x] = vertical ? [pos, a] : [a, pos];
              buffer[t * frame + (y * size + x) * 2 + channel] = 1;
            }
          }
        }
        for (let k = t * frame; k < (t + 1) * frame; k++) if (rng.next() < noise) buffer[k] = 1;
      }
      return { x: buffer, label };
    },
  };
}
