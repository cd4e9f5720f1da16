/** Where progress goes: a writable with an optional TTY flag (process.stderr in the commands). */
interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Shows a one-line status (`render()`) every `intervalMs` on a terminal, rewriting the line in
 * place; prints nothing when `stream` is not a TTY (logs and pipes stay clean). The timer does not
 * keep the process alive.
 * @returns a function that stops the updates and clears the line.
 */
export function startProgress(render: () => string, stream: ProgressStream = process.stderr, intervalMs = 1000): () => void {
  if (stream.isTTY !== true) return () => undefined;
  const timer = setInterval(() => stream.write(`\r\x1b[K${render()}`), intervalMs);
  timer.unref();
  let running = true;
  return () => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    stream.write('\r\x1b[K');
  };
}

/** Events and their rate since `startMs` (from `Date.now()`), e.g. `12034 events, 5.1 k ev/s`. */
export function eventRate(events: number, startMs: number, nowMs: number = Date.now()): string {
  const seconds = Math.max((nowMs - startMs) / 1000, 1e-3);
  return `${events} events, ${(events / seconds / 1000).toFixed(1)} k ev/s`;
}
