import { type EventBatch, makeBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { sortByTime } from '../../transforms/sortByTime.js';
import type { EventEdits } from './eventEdits.js';

/**
 * The edited recording, sorted by time: real events removed where cells lost events (the
 * earliest deletable ones of the cell), new events for cells that gained them, each at a random
 * integer offset inside its bin (`rng`), at the cell's pixel and polarity (channel 1 = ON, p = 1).
 * Binned as the grid was (`binSample`), it gives exactly `edits.frames()`.
 * Ownership: new arrays; the grid is not changed.
 * @example const attacked = editedEvents(edits, seededRng(1));
 */
export function editedEvents(edits: EventEdits, rng: Rng): EventBatch {
  const g = edits.grid;
  const { injected, deleted } = edits.totals();
  const n = g.events.t.length - deleted + injected;
  const out = { x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n) };
  const toDelete = edits.delta.map((d) => (d < 0 ? -d : 0));
  const last = g.events.t.length - 1;
  let at = 0;
  for (let i = 0; i <= last; i++) {
    const c = g.cellOf[i]!;
    if (c >= 0 && i !== 0 && i !== last && toDelete[c]! > 0) {
      toDelete[c]!--;
      continue;
    }
    out.x[at] = g.events.x[i]!;
    out.y[at] = g.events.y[i]!;
    out.t[at] = g.events.t[i]!;
    out.p[at++] = g.events.p[i]!;
  }
  const plane = g.H * g.W * 2;
  edits.delta.forEach((d, c) => {
    const k = Math.floor(c / plane);
    const pixel = (c % plane) >> 1;
    for (let j = 0; j < d; j++, at++) {
      out.x[at] = pixel % g.W;
      out.y[at] = Math.floor(pixel / g.W);
      out.p[at] = c & 1;
      out.t[at] = g.startUs[k]! + Math.floor(rng.next() * g.spanUs[k]!);
    }
  });
  return sortByTime(makeBatch(out, { width: g.events.width, height: g.events.height }));
}
