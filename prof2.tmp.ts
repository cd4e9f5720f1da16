import { readFileSync } from 'node:fs';
import { decodeAll } from './src/aedat/decodeAll.js';
import { openDecoder, createDecoder } from './src/aedat/openDecoder.js';
const bytes = new Uint8Array(readFileSync(process.argv[2]!));
const name = process.argv[2]!;
for (const round of [0, 1, 2]) {
  const t0 = performance.now();
  let ev = 0;
  for (let i = 0; i < 300; i++) ev += decodeAll(openDecoder({ fileName: name }), bytes).events.t.length;
  const ms = (performance.now() - t0) / 300;
  console.log(`round ${round}: ${ms.toFixed(3)} ms/file, ${(ev / 300 / ms / 1000).toFixed(1)} M ev/s`);
}
