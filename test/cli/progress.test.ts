import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventRate, startProgress } from '../../src/cli/progress.js';

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
