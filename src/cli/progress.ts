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
