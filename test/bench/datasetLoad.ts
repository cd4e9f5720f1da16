/**
 * `npx tsx test/bench/datasetLoad.ts [copies] [runs]`: loading a dataset folder of many small files
 * (per-file set-up and a cold JIT dominate) against the numpy peer reading the same files
 * (`../shared/peers/numpy_decode_bench.py`'s decoders, driven by peers/numpy_folder_load.py).
 * Builds folders of `copies` (default 1000) copies of a small recording per layout, then times,
 * each in a fresh process (cold), indexing + decoding every file: ours (compiled with tsx's
 * loader, as `npm start` runs) and numpy. Median of `runs` (default 3); ratio = ours / numpy in
 * M events/s. Skips the peer with a printed reason when ../shared or numpy is missing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');
const COPIES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);

interface Case { name: string; layout: string; source: string; path: (i: number) => string }
const cases: Case[] = [
  { name: 'N-MNIST .bin', layout: 'nmnist', source: join(ROOT, 'fixtures', 'nmnist_sample.bin'), path: (i) => `Train/${i % 10}/${String(i).padStart(5, '0')}.bin` },
  { name: 'N-Caltech101 .bin', layout: 'ncaltech101', source: join(SHARED, 'samples', 'ncaltech101_faces_easy_0001.bin'), path: (i) => `Caltech101/class${i % 10}/image_${String(i).padStart(4, '0')}.bin` },
  { name: 'CIFAR10-DVS AEDAT 2.0 (DVS128 sample)', layout: 'cifar10dvs', source: join(SHARED, 'samples', 'aedat2_dvs128_alex_walking_again.aedat'), path: (i) => `${['airplane', 'cat', 'dog', 'ship'][i % 4]}/r${i}.aedat` },
  { name: 'CIFAR10-DVS AEDAT 4.0 (DAVIS346 sample)', layout: 'cifar10dvs', source: join(ROOT, 'fixtures', 'aedat4_davis346_evlib_sample.aedat4'), path: (i) => `${['airplane', 'cat', 'dog', 'ship'][i % 4]}/r${i}.aedat4` },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const run = (cmd: string, args: string[]): { files: number; events: number; seconds: number } => {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { files: number; events: number; seconds: number };
};
const peer = join(SHARED, 'peers', 'numpy_decode_bench.py');
const havePeer = existsSync(peer) && spawnSync('/usr/bin/python3', ['-c', 'import numpy, lz4'], { encoding: 'utf8' }).status === 0;
if (!havePeer) console.log(`numpy peer skipped: ${existsSync(peer) ? 'python3-numpy / python3-lz4 missing (apt-get install -y python3-numpy python3-lz4)' : `${peer} absent`}`);

console.log(`dataset folders of ${COPIES} files, cold process per load, median of ${RUNS}`);
for (const c of cases) {
  if (!existsSync(c.source)) {
    console.log(`${c.name}: skipped (${c.source} absent)`);
    continue;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sg-load-'));
  try {
    for (let i = 0; i < COPIES; i++) {
      const to = join(dir, c.path(i));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(c.source, to);
    }
    const ours = Array.from({ length: RUNS }, () => run(process.execPath, ['--import', 'tsx', join(HERE, 'datasetLoadRun.ts'), dir, c.layout]));
    const oursRate = median(ours.map((r) => r.events / r.seconds / 1e6));
    let line = `${c.name}: ours ${oursRate.toFixed(1)} M ev/s (${median(ours.map((r) => r.seconds)).toFixed(2)} s, ${ours[0]!.events} events)`;
    if (havePeer) {
      const theirs = Array.from({ length: RUNS }, () => run('/usr/bin/python3', [join(HERE, 'peers', 'numpy_folder_load.py'), dirname(peer), dir]));
      if (theirs[0]!.events !== ours[0]!.events) line += ` [event counts differ: numpy ${theirs[0]!.events}]`;
      const theirRate = median(theirs.map((r) => r.events / r.seconds / 1e6));
      line += `; numpy ${theirRate.toFixed(1)} M ev/s (${median(theirs.map((r) => r.seconds)).toFixed(2)} s); ratio ${(oursRate / theirRate).toFixed(2)}`;
    }
    console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
