import { SingleBar } from 'cli-progress';
import { isQuiet } from './notes.js';

/** Where progress goes: a writable with an optional TTY flag (process.stderr in the commands). */
interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Plain progress lines (not a terminal) come this much less often than terminal updates. */
const PLAIN_EVERY = 10;

/**
 * Shows a one-line status (`render()`): on a terminal every `intervalMs`, rewriting the line in
 * place; otherwise (logs, CI) as a plain line every 10 × `intervalMs`. Nothing with `--quiet`.
 * The timer does not keep the process alive.
 * @returns a function that stops the updates (and clears a terminal's line).
 */
export function startProgress(render: () => string, stream: ProgressStream = process.stderr, intervalMs = 1000): () => void {
  if (isQuiet()) return () => undefined;
  const tty = stream.isTTY === true;
  const timer = setInterval(() => stream.write(tty ? `\r\x1b[K${render()}` : `${render()}\n`), tty ? intervalMs : PLAIN_EVERY * intervalMs);
  timer.unref();
  let running = true;
  return () => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    if (tty) stream.write('\r\x1b[K');
  };
}

/** Events and their rate since `startMs` (from `Date.now()`), e.g. `12034 events, 5.1 k ev/s`. */
export function eventRate(events: number, startMs: number, nowMs: number = Date.now()): string {
  const seconds = Math.max((nowMs - startMs) / 1000, 1e-3);
  return `${events} events, ${(events / seconds / 1000).toFixed(1)} k ev/s`;
}

/** Progress of a task of known size, from {@link countProgress}. */
export interface CountProgress {
  /** `done` of `total` so far, with an optional detail (the unit at work, a loss…). */
  update(done: number, total: number, detail?: string): void;
  /** Ends the bar (idempotent). */
  stop(): void;
}

/**
 * Progress of a task of known size (`label`: the task, `unit`: what it counts): on a terminal, a
 * bar redrawn at each update; otherwise (logs, CI) a plain line at each quarter of the total,
 * `label: done/total unit, detail`. Nothing with `--quiet`. Unbounded work uses {@link startProgress}.
 * @example const p = countProgress('audit', 'units'); p.update(3, 12, 'pgd ε 0.1'); p.stop();
 */
export function countProgress(label: string, unit: string, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): CountProgress {
  if (isQuiet()) return { update: () => undefined, stop: () => undefined };
  if (stream.isTTY !== true) {
    let last = 0;
    return {
      update: (done, total, detail) => {
        if (Math.floor((4 * done) / total) > Math.floor((4 * last) / total)) {
          stream.write(`${label}: ${done}/${total} ${unit}${detail === undefined ? '' : `, ${detail}`}\n`);
        }
        last = done;
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} ${unit} | {detail}`, stream });
  let started = false;
  return {
    update: (done, total, detail) => {
      // every frame, the first included, gets the payload: a field missing at start prints literally
      if (!started) bar.start(total, done, { detail: detail ?? '' });
      else bar.update(done, { detail: detail ?? '' });
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
