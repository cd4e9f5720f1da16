import { afterEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { countProgress, eventRate, startProgress } from '../../src/cli/progress.js';

afterEach(() => { vi.useRealTimers(); });

describe('startProgress', () => {
  it('rewrites one status line every interval on a TTY and clears it when stopped', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    let n = 0;
    const stop = startProgress(() => `n=${++n}`, { isTTY: true, write: (t) => written.push(t) }, 1000);
    vi.advanceTimersByTime(2500);
    stop();
    stop();
    vi.advanceTimersByTime(5000);
    expect(written).toEqual(['\r\x1b[Kn=1', '\r\x1b[Kn=2', '\r\x1b[K']);
  });

  it('prints nothing when the stream is not a TTY', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const stop = startProgress(() => 'x', { write: (t) => written.push(t) }, 1000);
    vi.advanceTimersByTime(5000);
    stop();
    expect(written).toEqual([]);
  });
});

describe('eventRate', () => {
  it('gives events and thousands of events per second', () => {
    expect(eventRate(12_000, 0, 2000)).toBe('12000 events, 6.0 k ev/s');
  });
});

describe('countProgress', () => {
  /** A stream that keeps what was written, a terminal or not. */
  function sink(isTTY: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
    const chunks: string[] = [];
    const w = new Writable({ write: (c: Buffer, _e, done) => { chunks.push(c.toString()); done(); } });
    return Object.assign(w, { isTTY, columns: 120, text: () => chunks.join('') });
  }

  it('prints a plain line at each quarter of the total when not on a terminal', () => {
    const out = sink(false);
    const p = countProgress('audit', 'units', out);
    for (let d = 1; d <= 10; d++) p.update(d, 10, `unit ${d}`);
    p.stop();
    expect(out.text()).toBe('audit: 3/10 units, unit 3\naudit: 5/10 units, unit 5\naudit: 8/10 units, unit 8\naudit: 10/10 units, unit 10\n');
  });

  it('draws a bar on a terminal, with the detail from the first frame on', () => {
    const out = sink(true);
    const p = countProgress('audit', 'units', out);
    p.update(1, 4, 'pgd');
    p.update(4, 4, 'apgd');
    p.stop();
    p.stop();
    expect(out.text()).toMatch(/audit \[.*\] 1\/4 units \| pgd/);
    expect(out.text()).toMatch(/4\/4 units \| apgd/);
    expect(out.text()).not.toContain('{detail}');
  });
});
