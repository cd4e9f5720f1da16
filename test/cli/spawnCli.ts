import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../helpers/samples.js';

/** A CLI child process whose stderr is collected as it runs. */
export interface Child { readonly proc: ChildProcess; stderr: string; readonly exit: Promise<number | null> }

/** Starts the CLI from source as a child process (for commands that run until stopped). */
export function spawnCli(...args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: REPO_ROOT });
  const child: Child = { proc, stderr: '', exit: new Promise((resolve) => proc.on('exit', (code) => resolve(code))) };
  proc.stderr!.on('data', (c: Buffer) => { child.stderr += c.toString(); });
  return child;
}

/** Waits (real time, up to 15 s) until the child's stderr matches `re`; returns the match. */
export async function stderrMatch(c: Child, re: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 600; i++) {
    const m = re.exec(c.stderr);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${re} in: ${c.stderr}`);
}

/** Starts `stream FILE --tcp 127.0.0.1:0 …` and resolves with the child and its port once listening. */
export async function streamServer(file: string, ...args: string[]): Promise<{ server: Child; port: string }> {
  const server = spawnCli('stream', file, '--tcp', '127.0.0.1:0', ...args);
  const port = (await stderrMatch(server, /listening on 127\.0\.0\.1:(\d+)/))[1]!;
  return { server, port };
}
