import { saccadeDigits } from './src/datasets/saccadeDigits/saccadeDigits.js';
const t0 = performance.now();
const s = await saccadeDigits({ split: (process.argv[2] ?? 'test') as 'test', T: 8, cache: '/tmp/sgcache' });
console.log(s.size, s.cached, ((performance.now() - t0) / 1000).toFixed(1), 's');
const { x, label } = s.get(0); let nz = 0; for (const v of x) nz += v; console.log(label, nz);
