import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { type EventBatch, sliceIndex } from '../../src/events/EventBatch.js';
import type { EventWindow } from '../../src/transforms/EventWindow.js';
import type { Windower } from '../../src/transforms/Windower.js';
import { FIXTURES } from '../helpers/samples.js';
import { type RefWindow, eventsOf } from './reference.js';

/** Decoded events of a fixture or shared-sample file. */
export function decodeFile(dir: string, name: string): EventBatch {
  return decodeAll(openDecoder({ fileName: name }), new Uint8Array(readFileSync(join(dir, name)))).events;
}

/** Decoded events of a fixture. */
export const decodeFixture = (name: string): EventBatch => decodeFile(FIXTURES, name);

/** Splits a batch at the given (sorted, in-range) cut points into views. */
export function splitAt(b: EventBatch, cuts: readonly number[]): EventBatch[] {
  const edges = [0, ...cuts, b.t.length];
  return edges.slice(1).map((end, i) => sliceIndex(b, edges[i]!, end));
}

/** Runs a windower over batches and returns every window. */
export function runWindower(w: Windower, batches: readonly EventBatch[]): EventWindow[] {
  const out: EventWindow[] = [];
  for (const b of batches) w.push(b, (x) => out.push(x));
  w.flush((x) => out.push(x));
  return out;
}

/** A window as plain data, comparable with a reference window. */
export function plain(w: EventWindow): RefWindow {
  return { index: w.index, startUs: w.startUs, endUs: w.endUs, events: eventsOf(w.events), complete: w.complete };
}
