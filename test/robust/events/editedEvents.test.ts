import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../src/events/seededRng.js';
import { ConfigError } from '../../../src/errors.js';
import { type EventBinning, eventGrid } from '../../../src/robust/events/EventGrid.js';
import { EventEdits } from '../../../src/robust/events/eventEdits.js';
import { editedEvents } from '../../../src/robust/events/editedEvents.js';
import { binSample } from '../../../src/transforms/binSample.js';
import { blobRecording } from './eventFixtures.js';

const rebin = (events: Parameters<typeof binSample>[0], b: EventBinning): Float32Array =>
  binSample(events, { by: 'time', n: b.n, edges: b.edges }, { width: b.width, height: b.height, values: b.values ?? 'count' }).data;

describe('event edits', () => {
  const settings: EventBinning[] = [
    { n: 4, edges: 'inclusive', width: 34, height: 34 },
    { n: 5, edges: 'tonic', width: 34, height: 34, values: 'binary' },
    { n: 3, edges: 'inclusive', width: 34, height: 34, values: { clipMax: 2 } },
  ];

  it.each(settings)('random edits re-bin to exactly the edited tensor (%o)', (binning) => {
    for (let seed = 0; seed < 20; seed++) {
      const events = blobRecording(seed, 400);
      const grid = eventGrid(events, binning);
      expect(grid.counts.reduce((s, v) => s + v, 0) + [...grid.cellOf].filter((c) => c < 0).length).toBe(400);
      const edits = new EventEdits(grid);
      expect(edits.frames()).toEqual(rebin(events, binning));
      const rng = seededRng(seed);
      for (let i = 0; i < 200; i++) {
        const c = Math.floor(rng.next() * grid.cells);
        if (rng.next() < 0.5 && edits.canInject(c)) edits.apply(c, 1);
        else if (edits.canDelete(c)) edits.apply(c, -1);
      }
      const out = editedEvents(edits, rng);
      const { injected, deleted } = edits.totals();
      expect(out.t.length).toBe(400 + injected - deleted);
      expect(rebin(out, binning)).toEqual(edits.frames());
      // The first and last event fix the bin edges: they survive any edits.
      expect([out.t[0], out.t[out.t.length - 1]]).toEqual([grid.events.t[0], grid.events.t[399]]);
      expect(out.t.every((t) => Number.isInteger(t))).toBe(true);
    }
  });

  it('counts each edit as one changed cell value and undoes edits', () => {
    const grid = eventGrid(blobRecording(1, 300), settings[0]!);
    const edits = new EventEdits(grid);
    const clean = edits.frames();
    const c = grid.counts.findIndex((v, i) => v > 1 && grid.deletable[i]! > 1);
    edits.apply(c, -1);
    edits.apply(c, -1);
    edits.apply(0, 1);
    expect(edits.l0).toBe(3);
    const diff = edits.frames().reduce((s, v, i) => s + Math.abs(v - clean[i]!), 0);
    expect(diff).toBe(3);
    expect(edits.canInject(c)).toBe(false); // a deletion cell never gains events
    edits.undo(2);
    expect(edits.totals()).toEqual({ injected: 0, deleted: 2 });
  });

  it('refuses recordings it cannot edit exactly', () => {
    const one = blobRecording(2, 1);
    expect(() => eventGrid(one, settings[0]!)).toThrow(ConfigError);
    const short = blobRecording(2, 50, 34, 3); // 3 µs in 4 bins
    expect(() => eventGrid(short, settings[0]!)).toThrow(/less than 1 µs per bin/);
    expect(() => eventGrid(blobRecording(2, 50), { ...settings[0]!, values: { clipMax: 0 } })).toThrow(ConfigError);
    expect(() => eventGrid(blobRecording(2, 50), { ...settings[0]!, n: 0 })).toThrow(ConfigError);
  });
});
