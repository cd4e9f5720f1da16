/**
 * `npx tsx test/bench/datasetLoad.ts [copies] [runs] [bigCopies]`: loading a dataset folder of many
 * small files (per-file set-up and a cold JIT dominate) against the numpy peer reading the same
 * files (`../shared/peers/numpy_decode_bench.py`'s decoders, driven by peers/numpy_folder_load.py).
 * Builds folders of `copies` (default 1000) copies of a small recording per layout, then larger
 * ones nearer real datasets: N-MNIST of `bigCopies` (default 10000; its own folders hold 60000 +
 * 10000 files) and AEDAT 4.0 of 3000 (1.3 GB: what this machine's page cache keeps), then
 * times, each in a fresh process (cold), indexing + decoding every file: ours lending (columns
 * reused from file to file, as training reads samples), ours owning (fresh arrays per sample), and
 * numpy, the three interleaved run by run so that drifts of this shared machine hit all alike.
 * Median of `runs` (default 5); ratio = ours / numpy in M events/s. Skips the peer with a printed
 * reason when ../shared or numpy is missing.
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
const RUNS = Number(process.argv[3] ?? 5);
const BIG_COPIES = Number(process.argv[4] ?? 10000);

interface Case { name: string; layout: string; source: string; copies: number; path: (i: number) => string }
const nmnistPath = (i: number): string => `Train/${i % 10}/${String(i).padStart(5, '0')}.bin`;
const cifarPath = (ext: string) => (i: number): string => `${['airplane', 'cat', 'dog', 'ship'][i % 4]}/r${i}.${ext}`;
const cases: Case[] = [
  { name: 'N-MNIST .bin', layout: 'nmnist', source: join(ROOT, 'fixtures', 'nmnist_sample.bin'), copies: COPIES, path: nmnistPath },
  { name: 'N-Caltech101 .bin', layout: 'ncaltech101', source: join(SHARED, 'samples', 'ncaltech101_faces_easy_0001.bin'), copies: COPIES, path: (i) => `Caltech101/class${i % 10}/image_${String(i).padStart(4, '0')}.bin` },
  { name: 'CIFAR10-DVS AEDAT 2.0 (DVS128 sample)', layout: 'cifar10dvs', source: join(SHARED, 'samples', 'aedat2_dvs128_alex_walking_again.aedat'), copies: COPIES, path: cifarPath('aedat') },
  { name: 'CIFAR10-DVS AEDAT 4.0 (DAVIS346 sample)', layout: 'cifar10dvs', source: join(ROOT, 'fixtures', 'aedat4_davis346_evlib_sample.aedat4'), copies: COPIES, path: cifarPath('aedat4') },
  { name: 'N-MNIST .bin', layout: 'nmnist', source: join(ROOT, 'fixtures', 'nmnist_sample.bin'), copies: BIG_COPIES, path: nmnistPath },
  { name: 'CIFAR10-DVS AEDAT 4.0 (DAVIS346 sample)', layout: 'cifar10dvs', source: join(ROOT, 'fixtures', 'aedat4_davis346_evlib_sample.aedat4'), copies: 3000, path: cifarPath('aedat4') },
];

interface Load { files: number; events: number; seconds: number }
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (loads: Load[]): number => median(loads.map((r) => r.events / r.seconds / 1e6));
const run = (cmd: string, args: string[]): Load => {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Load;
};
const peer = join(SHARED, 'peers', 'numpy_decode_bench.py');
const havePeer = existsSync(peer) && spawnSync('/usr/bin/python3', ['-c', 'import numpy, lz4'], { encoding: 'utf8' }).status === 0;
if (!havePeer) console.log(`numpy peer skipped: ${existsSync(peer) ? 'python3-numpy / python3-lz4 missing (apt-get install -y python3-numpy python3-lz4)' : `${peer} absent`}`);

console.log(`dataset folders, a cold process per load, median of ${RUNS} interleaved runs; lend = columns reused from file to file (training's path), own = fresh arrays per sample`);
for (const c of cases) {
  if (!existsSync(c.source)) {
    console.log(`${c.name}: skipped (${c.source} absent)`);
    continue;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sg-load-'));
  try {
    for (let i = 0; i < c.copies; i++) {
      const to = join(dir, c.path(i));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(c.source, to);
    }
    const ours = (mode: string): Load => run(process.execPath, ['--import', 'tsx', join(HERE, 'datasetLoadRun.ts'), dir, c.layout, mode]);
    const lend: Load[] = [];
    const own: Load[] = [];
    const numpy: Load[] = [];
    for (let r = 0; r < RUNS; r++) {
      lend.push(ours('lend'));
      own.push(ours('own'));
      if (havePeer) numpy.push(run('/usr/bin/python3', [join(HERE, 'peers', 'numpy_folder_load.py'), dirname(peer), dir]));
    }
    const seconds = (loads: Load[]): string => `${median(loads.map((r) => r.seconds)).toFixed(3)} s`;
    let line = `${c.name}, ${c.copies} files (${lend[0]!.events} events): lend ${rate(lend).toFixed(1)} M ev/s (${seconds(lend)}), own ${rate(own).toFixed(1)} (${seconds(own)})`;
    if (havePeer) {
      if (numpy[0]!.events !== lend[0]!.events) line += ` [event counts differ: numpy ${numpy[0]!.events}]`;
      line += `; numpy ${rate(numpy).toFixed(1)} (${seconds(numpy)}); ratio lend ${(rate(lend) / rate(numpy)).toFixed(2)}, own ${(rate(own) / rate(numpy)).toFixed(2)}`;
    }
    console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
