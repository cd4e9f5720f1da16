/**
 * `npx tsx test/bench/saccadeDigits.ts [samples] [runs]`: generation speed of saccade digits (the
 * events of `samples` digits, default 1000, default parameters, one core), median of `runs`
 * (default 3) after a warm-up, and the 10,000 digits extrapolated. Numbers only.
 */
import { generateSaccadeDigit, mnistDigits, SACCADE_DEFAULTS } from '../../src/datasets/index.js';

const N = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);
const digits = mnistDigits();
const once = (): { ms: number; events: number } => {
  const t0 = performance.now();
  let events = 0;
  for (let i = 0; i < N; i++) {
    const k = (i * 7919) % digits.count;
    events += generateSaccadeDigit(digits.images.subarray(k * 784, (k + 1) * 784), SACCADE_DEFAULTS, i).t.length;
  }
  return { ms: performance.now() - t0, events };
};
once();
const runs = Array.from({ length: RUNS }, once).sort((a, b) => a.ms - b.ms);
const median = runs[Math.floor(RUNS / 2)]!;
const perSample = median.ms / N;
console.log(`saccade digits: ${N} samples in ${(median.ms / 1000).toFixed(2)} s (median of ${RUNS}) = ${(1000 / perSample).toFixed(0)} samples/s, ${(median.events / N).toFixed(0)} events each; 10,000 digits ≈ ${(perSample * 10).toFixed(1)} s on one core`);
