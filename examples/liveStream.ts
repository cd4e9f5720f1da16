// Serve a recording as a live AEDAT 4.0 camera on loopback, then receive, filter, window and bin it.
// Run: npx tsx examples/liveStream.ts [FILE]
import { lastValueFrom, reduce } from 'rxjs';
import { sensorOfFile, serveAedat4 } from '../src/sinks/index.js';
import { aedat4TcpSource } from '../src/sources/index.js';
import { denoiseFilter, refractoryFilter, toFrames, windowEvents, type FilterMetrics } from '../src/transforms/index.js';

const file = process.argv[2] ?? 'fixtures/aedat4_davis346_evlib_sample.aedat4';
const { width, height } = await sensorOfFile(file);
const camera = await serveAedat4(file, { host: '127.0.0.1', port: 0, speed: 'max' }); // what `spikeguard stream` runs
const counts: Record<string, FilterMetrics> = {};
const keep = (m: FilterMetrics): void => { counts[m.filter] = m; };
const frames = await lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port: camera.port }).pipe(
  denoiseFilter({ width, height, filterTimeUs: 10_000 }, keep),
  refractoryFilter({ width, height, refractoryUs: 1_000 }, keep),
  windowEvents({ by: 'time', windowUs: 10_000 }),
  toFrames({ width, height }), // [1, H, W, 2] Float32Array per 10 ms window
  reduce((n) => n + 1, 0),
));
for (const m of Object.values(counts)) console.log(`${m.filter}: ${m.eventsIn} in, ${m.removed} removed`);
console.log(`${frames} frames; the camera sent ${(await camera.done).events} events`);
