// Cut a recording into 10 ms windows and bin each into a [1, H, W, 2] frame of event counts.
// Run: npx tsx examples/framesFromFile.ts [FILE]
import { from, lastValueFrom, reduce } from 'rxjs';
import { readEventFile } from '../src/aedat/node/index.js';
import { toFrames, windowEvents } from '../src/transforms/index.js';

const file = process.argv[2] ?? 'fixtures/evt3_gen41_1280x720_expelliarmus.raw';
const { events, error } = await readEventFile(file); // on a fault: the events before it, and the error
if (error) {
  console.error(`${file}: ${error.message}`);
  process.exitCode = 1;
}
const frames$ = from([events]).pipe(
  windowEvents({ by: 'time', windowUs: 1_000 }), // edges at multiples of 1 ms from t = 0
  toFrames({ width: events.width, height: events.height }),
);
const summary = await lastValueFrom(frames$.pipe(
  reduce((acc, f) => ({ frames: acc.frames + 1, spikes: acc.spikes + f.data.reduce((s, v) => s + v, 0) }),
    { frames: 0, spikes: 0 }),
));
console.log(`${events.t.length} events → ${summary.frames} frames holding ${summary.spikes} events`);
