import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './samples.js';

const run = promisify(execFile);

/** Runs the CLI from source; resolves with exit code and output instead of rejecting. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
