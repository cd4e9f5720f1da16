/**
 * `npx tsx test/bench/snnVsPeer.ts [rounds]`: csnn-nmnist in spikeguard (`spikeguard bench snn`,
 * wasm, 1 and 2 worker threads) against the torch peer (`../shared/peers/torch_snn_bench.py`, 2
 * threads, run with Debian's python3) on this machine, for (B, T) = (32, 8), (32, 16), (128, 8).
 * Each round runs every configuration of both, interleaved, in fresh processes (this VM's speed
 * drifts by ±50 % over minutes, so alternating keeps the two under the same conditions); the
 * report gives, per configuration, the median over rounds of each side's median and their ratio
 * (ours / peer: < 1 is faster) for inference, the training step and the SR step (λ 0.1, h 0.01). Skips the peer, with a message, when torch is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../helpers/samples.js';

const rounds = Number(process.argv[2] ?? 3);
const PEER = resolve(REPO_ROOT, '..', 'shared', 'peers', 'torch_snn_bench.py');
const PYTHON = '/usr/bin/python3';
const havePeer = existsSync(PEER) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!havePeer) console.warn(`peer skipped: needs ${PEER} and ${PYTHON} with torch (apt-get install python3-torch)`);
const CONFIGS: [number, number][] = [[32, 8], [32, 16], [128, 8]];
type Row = { infer_ms: number; train_ms: number; sr_ms: number };

function ours(B: number, T: number, workers: number): Row {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'bench', 'snn', '--B', String(B), '--T', String(T),
    '--backend', 'wasm', '--workers', String(workers), '--iters', '7', '--json'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out) as Row;
}

function peer(B: number, T: number): Row {
  const out = execFileSync(PYTHON, [PEER, '--B', String(B), '--T', String(T), '--iters', '7'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Row;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const samples = new Map<string, Row[]>();
const add = (key: string, r: Row): void => { samples.set(key, [...(samples.get(key) ?? []), r]); };
for (let r = 0; r < rounds; r++) {
  for (const [B, T] of CONFIGS) {
    if (havePeer) add(`peer ${B} ${T}`, peer(B, T));
    add(`ours1 ${B} ${T}`, ours(B, T, 1));
    add(`ours2 ${B} ${T}`, ours(B, T, 2));
  }
}
const table = CONFIGS.map(([B, T]) => {
  const m = (key: string, f: keyof Row): number => median((samples.get(`${key} ${B} ${T}`) ?? [{ infer_ms: NaN, train_ms: NaN, sr_ms: NaN }]).map((x) => x[f]));
  const best = (f: keyof Row): number => Math.min(m('ours1', f), m('ours2', f));
  return {
    B, T,
    peer_infer_ms: m('peer', 'infer_ms'), peer_train_ms: m('peer', 'train_ms'),
    ours_infer_ms_1w: m('ours1', 'infer_ms'), ours_train_ms_1w: m('ours1', 'train_ms'),
    ours_infer_ms_2w: m('ours2', 'infer_ms'), ours_train_ms_2w: m('ours2', 'train_ms'),
    peer_sr_ms: m('peer', 'sr_ms'), ours_sr_ms_1w: m('ours1', 'sr_ms'), ours_sr_ms_2w: m('ours2', 'sr_ms'),
    infer_ratio: best('infer_ms') / m('peer', 'infer_ms'), train_ratio: best('train_ms') / m('peer', 'train_ms'),
    sr_ratio: best('sr_ms') / m('peer', 'sr_ms'),
  };
});
console.log(`csnn-nmnist, medians over ${rounds} interleaved rounds (each a median of 7 iterations); ratio = best of ours / peer`);
for (const row of table) {
  console.log(`B=${row.B} T=${row.T}: infer ${row.ours_infer_ms_1w.toFixed(1)} ms (1 thread) / ${row.ours_infer_ms_2w.toFixed(1)} ms (2 workers) vs peer ${row.peer_infer_ms.toFixed(1)} → ${row.infer_ratio.toFixed(2)}; `
    + `train ${row.ours_train_ms_1w.toFixed(1)} / ${row.ours_train_ms_2w.toFixed(1)} vs ${row.peer_train_ms.toFixed(1)} → ${row.train_ratio.toFixed(2)}; `
    + `SR step ${row.ours_sr_ms_1w.toFixed(1)} / ${row.ours_sr_ms_2w.toFixed(1)} vs ${row.peer_sr_ms.toFixed(1)} → ${row.sr_ratio.toFixed(2)}`);
}
console.log(JSON.stringify({ snnVsPeer: table }));
