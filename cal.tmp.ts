import { mnistDigits } from './src/datasets/saccadeDigits/mnistDigits.js';
import { SACCADE_DEFAULTS } from './src/datasets/saccadeDigits/SaccadeParams.js';
import { generateSaccadeDigit } from './src/datasets/saccadeDigits/generateSaccadeDigit.js';
const over = JSON.parse(process.argv[2] ?? '{}');
const p = { ...SACCADE_DEFAULTS, ...over };
const d = mnistDigits();
const N = 200; let total = 0, on = 0; const sac = [0, 0, 0]; const t0 = performance.now();
for (let k = 0; k < N; k++) {
  const i = Math.floor((k * 9973) % d.count);
  const e = generateSaccadeDigit(d.images.subarray(i * 784, (i + 1) * 784), p, k);
  total += e.t.length; for (let j = 0; j < e.t.length; j++) { on += e.p[j]!; sac[Math.min(2, Math.floor(e.t[j]! / p.saccadeUs))]!++; }
}
const ms = (performance.now() - t0) / N;
console.log(JSON.stringify(over), 'events/sample', (total / N).toFixed(0), 'per saccade', sac.map((s) => (s / N).toFixed(0)).join('/'), 'ON', (on / total).toFixed(3), `${ms.toFixed(2)} ms/sample`);
