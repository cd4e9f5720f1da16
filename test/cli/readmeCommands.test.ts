import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/samples.js';

const run = promisify(execFile);

/** The command lines of the README's "The command" section. */
function commandLines(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The command'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block.trim().split('\n');
}

describe('README: the command', () => {
  it('runs every example the way that keeps stdout clean (npm prints a banner without --silent)', () => {
    for (const line of commandLines()) expect(line).toMatch(/^(npm run --silent spikeguard -- |npx spikeguard )/);
  });

  it('gives clean JSON the documented way', async () => {
    const line = commandLines().find((l) => l.includes('inspect') && l.includes('--json'))!;
    const [cmd, ...args] = line.split(' ');
    const { stdout } = await run(cmd!, args, { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ format: 'nmnist', width: 34, height: 34, events: 4325 });
  }, 60_000);
});
