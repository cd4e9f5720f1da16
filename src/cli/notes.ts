/**
 * The process-wide `--quiet` switch of the CLI: notes (the backend in use, the training method)
 * and progress are not printed; results, warnings and errors always are. Set once, by the
 * `preAction` hook of `main.ts`, before any command runs.
 */
let quiet = false;

/** Turns quiet mode on or off (main.ts, from `--quiet`). */
export function setQuiet(on: boolean): void {
  quiet = on;
}

/** Whether `--quiet` was given. */
export function isQuiet(): boolean {
  return quiet;
}

/** Prints a note on stderr unless `--quiet`. */
export function note(line: string): void {
  if (!quiet) process.stderr.write(`${line}\n`);
}
