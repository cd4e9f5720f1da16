/**
 * `npx tsx test/bench/decodeVsNumpy.ts [rounds]`: steady-state decode throughput of every sample
 * recording against the numpy peer (`../shared/peers/numpy_decode_bench.py`), the two run one
 * after the other per file and per round (so that this shared machine's drifts hit both alike);
 * medians of `rounds` (default 3). Ours is `spikeguard bench decode` in a fresh process (from
 * memory, >= 10 M events a run, median of 5 runs). Skips with a printed reason without the peer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFile, sampleFiles } from './decodeSamples.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PEER = join(ROOT, '..', 'shared', 'peers', 'numpy_decode_bench.py');
const ROUNDS = Number(process.argv[2] ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const havePeer = existsSync(PEER) && spawnSync('/usr/bin/python3', ['-c', 'import numpy, lz4'], { encoding: 'utf8' }).status === 0;
if (!havePeer) {
  console.log(`decode vs numpy skipped: ${existsSync(PEER) ? 'python3-numpy / python3-lz4 missing (apt-get install -y python3-numpy python3-lz4)' : `${PEER} absent`}`);
} else {
  console.log(`steady-state decode vs the numpy peer, medians of ${ROUNDS} interleaved rounds (M events/s; ratio > 1: ours faster)`);
  for (const { name, path } of sampleFiles()) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push(benchFile(name, path).mev_per_s);
      const out = spawnSync('/usr/bin/python3', [PEER, '--only', name], { encoding: 'utf8' });
      const row = out.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { file: string; mev_per_s: number | null }).find((j) => j.file === name);
      if (row?.mev_per_s != null) theirs.push(row.mev_per_s);
    }
    const line = `${name.padEnd(42)} ours ${median(ours).toFixed(1).padStart(7)}`;
    console.log(theirs.length === 0 ? `${line}  (numpy: no row)` : `${line}  numpy ${median(theirs).toFixed(1).padStart(7)}  ratio ${(median(ours) / median(theirs)).toFixed(2)}`);
  }
}
