import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/samples.js';

const PREFIX = 'npm run --silent spikeguard -- ';

/** The `spikeguard run` examples of the README's "The three jobs" section that end by themselves. */
function jobExamples(): string[][] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The three jobs'), readme.indexOf('## The live monitor page'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.trim().split('\n'))
    .filter((l) => l.startsWith(`${PREFIX}run replay`) || l.startsWith(`${PREFIX}run audit`))
    .map((l) => l.slice(PREFIX.length).split(/\s+/));
}

describe('README: the three jobs', () => {
  it('has replay and audit examples', () => {
    expect(jobExamples().map((a) => a[1])).toEqual(expect.arrayContaining(['replay', 'audit']));
  });

  it.each(jobExamples().map((args) => [args.join(' '), args] as const))('runs `%s`', async (_line, args) => {
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(args[1] === 'audit' ? /clean accuracy \d/ : /summary: 16 windows/);
  }, 300_000);
});
