/**
 * `npx tsx test/bench/aedat4Tcp.ts [runs]`: a live AEDAT 4.0 stream over loopback TCP, LZ4,
 * served by `serveAedat4` and read by `aedat4TcpSource` in the same process (one event loop:
 * server, client, decoder and binning share one core), then `windowEvents` → `toFrames` (a
 * `Float32Array` [1, H, W, 2] spike tensor per window).
 *
 * - **Throughput**: the EVT 3.0 fixture (1280×720, 219,596 events in 8.8 ms) served at max
 *   speed, losslessly (the replay waits for the client through the server's valve), looped to
 *   ≥ 2 M events, 10 ms windows; events/s of wall time from connecting to the last tensor.
 * - **Latency**: the AEDAT 4.0 DAVIS346 fixture (6,676 events over 170 ms) looped 3 times at
 *   real time (speed 1) in batches of ≤ 64 events (a camera's packet rate); each batch handed
 *   to the server is stamped (`performance.now()`, its last event time) and matched when the
 *   client emits the tensor of the 5 ms window holding that time. This includes the wait for
 *   the window to close (≤ 5 ms of event time): that is when a tensor can exist.
 * Medians of `runs` (default 5) runs after a warm-up. Numbers only, no assertion.
 */
import { basename, join } from 'node:path';
import { lastValueFrom, reduce, tap } from 'rxjs';
import { serveAedat4 } from '../../src/sinks/aedat4Net/serveAedat4.js';
import { aedat4TcpSource } from '../../src/sources/aedat4Net/aedat4TcpSource.js';
import { fileChunkReader } from '../../src/sources/fileChunkReader.js';
import { gatedChunkReader } from '../../src/streams/flow/gatedChunkReader.js';
import { createValve } from '../../src/streams/flow/Valve.js';
import { replayChunks } from '../../src/sources/replayChunks.js';
import { toFrames } from '../../src/transforms/toFrames.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import { sensorOfFile } from '../../src/sinks/aedat4Net/fileInput.js';
import { FIXTURES } from '../helpers/samples.js';

const runs = Number(process.argv[2] ?? 5);
const TPUT = join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw');
const LATENCY = join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4');

interface Result { events: number; frames: number; ms: number; latenciesMs: number[] }

async function run(path: string, speed: number | 'max', loops: number, windowUs: number): Promise<Result> {
  const { width, height } = await sensorOfFile(path);
  const valve = createValve();
  const stamps: { lastUs: number; ms: number }[] = [];
  let head = 0;
  const latenciesMs: number[] = [];
  const input = replayChunks(() => gatedChunkReader(fileChunkReader(path), valve), {
    fileName: basename(path), loops, ...(speed === 'max' ? {} : { pace: { speed }, maxEventsPerBatch: 64 }),
  }).pipe(tap((b) => stamps.push({ lastUs: b.t[b.t.length - 1]!, ms: performance.now() })));
  const server = await serveAedat4(input, { width, height, compression: 'lz4', valve });
  let events = 0;
  const t0 = performance.now();
  const frames = await lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port: server.port }).pipe(
    tap((b) => { events += b.t.length; }),
    windowEvents({ by: 'time', windowUs }),
    toFrames({ width, height }),
    tap((f) => {
      const now = performance.now();
      while (head < stamps.length && stamps[head]!.lastUs < f.endUs) latenciesMs.push(now - stamps[head++]!.ms);
    }),
    reduce((n) => n + 1, 0),
  ));
  const ms = performance.now() - t0;
  await server.done;
  return { events, frames, ms, latenciesMs };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const quantile = (v: number[], q: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(q * v.length))]!;

const once = await run(TPUT, 'max', 1, 10_000); // warm-up
await run(LATENCY, 1, 1, 5_000);
const loops = Math.max(1, Math.ceil(2e6 / once.events));
const tput: number[] = [];
for (let r = 0; r < runs; r++) {
  const x = await run(TPUT, 'max', loops, 10_000);
  tput.push(x.events / (x.ms / 1000));
}
const p50: number[] = [];
const p99: number[] = [];
for (let r = 0; r < runs; r++) {
  const x = await run(LATENCY, 1, 3, 5_000);
  p50.push(quantile(x.latenciesMs, 0.5));
  p99.push(quantile(x.latenciesMs, 0.99));
}
console.log(JSON.stringify({
  throughputFile: basename(TPUT), eventsPerPass: once.events, loops, latencyFile: basename(LATENCY), runs,
  mevPerS: +(median(tput) / 1e6).toFixed(3), latencyP50Ms: +median(p50).toFixed(2), latencyP99Ms: +median(p99).toFixed(2),
  allMevPerS: tput.map((v) => +(v / 1e6).toFixed(3)),
}));
