import { join } from 'node:path';
import { type Observable, lastValueFrom, map, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { replayFile } from '../../src/sources/replayFile.js';
import type { SpikeFrame } from '../../src/transforms/SpikeFrame.js';
import { toFrames } from '../../src/transforms/toFrames.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import { FIXTURES } from '../helpers/samples.js';
import { decodePath } from './helpers.js';

/** A frame as comparable numbers (full tensors of 1280×720 would be heavy to keep). */
function digest(f: SpikeFrame): number[] {
  let sum = 0;
  let weighted = 0;
  f.data.forEach((v, i) => {
    if (v !== 0) { sum += v; weighted = (weighted + v * (i + 1)) % 1_000_000_007; }
  });
  return [f.index, f.startUs, f.endUs, f.windows, f.outside, f.late, f.dropped, sum, weighted];
}

const frames = (src: Observable<EventBatch>, width: number, height: number): Promise<number[][]> =>
  lastValueFrom(src.pipe(
    windowEvents({ by: 'time', windowUs: 10_000 }),
    toFrames({ width, height, encoding: { kind: 'frames', timeBins: 2 } }),
    map(digest),
    toArray(),
  ));

describe('replayFile → windowEvents → toFrames equals decode-all then binning', () => {
  for (const [name, w, h] of [
    ['nmnist_sample.bin', 34, 34],
    ['dat_ncars_obj_004397_td.dat', 120, 100],
    ['evt3_gen41_1280x720_expelliarmus.raw', 1280, 720],
    ['aedat4_davis346_evlib_sample.aedat4', 346, 260],
  ] as const) {
    it(name, async () => {
      const path = join(FIXTURES, name);
      const replayed = await frames(replayFile(path, { chunkBytes: 3001, maxEventsPerBatch: 777 }), w, h);
      const whole = await frames(of(decodePath(path).events), w, h);
      expect(replayed.length).toBeGreaterThan(1);
      expect(replayed).toEqual(whole);
    });
  }
});
