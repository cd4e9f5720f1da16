import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Observable, VirtualTimeScheduler } from 'rxjs';
import { decodeAll, type DecodedFile } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import type { Event, EventBatch } from '../../src/events/EventBatch.js';
import { concatBatches } from '../../src/events/concatBatches.js';

/** N-MNIST 40-bit records for events with t < 2^23 µs and x, y < 240. */
export function nmnistBytes(events: readonly Event[]): Uint8Array {
  const out = new Uint8Array(events.length * 5);
  events.forEach((e, i) => {
    out.set([e.x, e.y, (e.p << 7) | ((e.t >> 16) & 0x7f), (e.t >> 8) & 0xff, e.t & 0xff], i * 5);
  });
  return out;
}

/** Decodes a whole file with the same options the replay uses (the oracle). */
export function decodePath(path: string): DecodedFile {
  return decodeAll(openDecoder({ fileName: path.split('/').pop()! }), new Uint8Array(readFileSync(path)));
}

/** Everything a stream gave: batches, then its error or completion. */
export interface Collected {
  readonly batches: EventBatch[];
  readonly events: EventBatch;
  readonly error?: unknown;
}

/** Subscribes and waits for the end (real time: for max-speed file replays). */
export function collect(src: Observable<EventBatch>): Promise<Collected> {
  return new Promise((done) => {
    const batches: EventBatch[] = [];
    src.subscribe({
      next: (b) => batches.push(b),
      error: (error: unknown) => done({ batches, events: concatBatches(batches), error }),
      complete: () => done({ batches, events: concatBatches(batches) }),
    });
  });
}

/**
 * Runs an async source in virtual time: alternates letting I/O callbacks run and flushing the
 * scheduler, until the stream ends. Returns each batch with the virtual time (ms) it came at.
 */
export async function runVirtual(make: (s: VirtualTimeScheduler) => Observable<EventBatch>): Promise<{ at: number[]; batches: EventBatch[]; error?: unknown }> {
  const s = new VirtualTimeScheduler();
  const at: number[] = [];
  const batches: EventBatch[] = [];
  let ended = false;
  let error: unknown;
  make(s).subscribe({
    next: (b) => { at.push(s.now()); batches.push(b); },
    error: (e: unknown) => { error = e; ended = true; },
    complete: () => { ended = true; },
  });
  while (!ended) {
    await new Promise((r) => setImmediate(r));
    s.flush();
  }
  return error === undefined ? { at, batches } : { at, batches, error };
}

/** Fixture and shared sample files to replay (all but the notes). */
export const recordings = (dir: string, names: readonly string[]): string[] =>
  names.filter((n) => !n.endsWith('.md')).map((n) => join(dir, n)).filter((p) => statSync(p).isFile());
