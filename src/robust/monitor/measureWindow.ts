import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../../snn/index.js';
import { projectToDomain } from '../InputDomain.js';
import { pgd } from '../pgd.js';
import { cleanPrediction } from './cleanPrediction.js';
import { FlipSearch } from './FlipSearch.js';
import { probeOptions, type MonitorOptions } from './MonitorOptions.js';
import type { MonitorRecord } from './MonitorRecord.js';
import { randomFlipRate } from './randomFlipRate.js';

/** A record's measured part (the operator adds the window, skip count and time). */
export type WindowMeasure = Pick<MonitorRecord, 'label' | 'margin' | 'status' | 'epsLow' | 'epsHigh' | 'probes' | 'randomFlipRate'>;

/** One window's spike frames, copied out of the stream (`[T, H, W, C]`). */
export interface WindowSample {
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number];
}

/**
 * Measures one window as a standalone sample `[T, 1, H, W, C]`, projected onto the domain: the
 * clean prediction and margin, the bisection for the flipping ε (one PGD run per probe), then the
 * random flip rate at the ε found. A generator: it yields after the clean pass, after each probe
 * and before the random draws, so the caller can run the rest later and stop it at any yield
 * (`return()` frees the tensor). The budget (ms on `now`) is checked before each probe; the random
 * draws run once after (the rate is at `epsHigh`, which they need).
 * Ownership: every tensor it makes is disposed when it finishes, throws or is returned early.
 * @throws ConfigError when an attack rejects the options for this window (the operator checks
 *   them first); the model's error for a window of another shape than its input.
 */
export function* measureWindow(model: SnnModel, w: WindowSample, o: MonitorOptions, now: () => number): Generator<void, WindowMeasure, void> {
  const [T, H, W, C] = w.shape;
  const x = tf.tidy(() => projectToDomain(tf.tensor(w.data, [T, 1, H, W, C]), o.domain));
  try {
    const startMs = now();
    const { label, margin } = cleanPrediction(model, x);
    const labels = Int32Array.of(label);
    const search = new FlipSearch(o.epsMax, o.tolerance, o.domain.kind === 'binary');
    let outOfTime = false;
    for (let eps = search.next(); eps !== null; eps = search.next()) {
      yield;
      if (now() - startMs >= o.budgetMs) {
        outOfTime = true;
        break;
      }
      const r = pgd(model, x, labels, probeOptions(eps, o));
      r.xAdv.dispose();
      search.report(eps, r.fooled[0] === 1);
    }
    const status = outOfTime ? 'outOfTime' : search.hi === null ? 'robust' : 'flipped';
    let rate: number | null = null;
    if (search.hi !== null) {
      yield; // the draws are one batched pass of `draws` samples: a step of its own
      rate = randomFlipRate(model, x, label, search.hi, o.draws, o.domain, o.seed);
    }
    return { label, margin, status, epsLow: search.lo, epsHigh: search.hi, probes: search.probes, randomFlipRate: rate };
  } finally {
    x.dispose();
  }
}
