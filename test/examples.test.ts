import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/samples.js';

const run = promisify(execFile);

/** The README shows these programs: they must keep running as written. */
describe('README examples', () => {
  it('examples/decodeChunks.ts decodes the DAVIS346 fixture', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/decodeChunks.ts'], { cwd: REPO_ROOT });
    expect(stdout).toContain('aedat4: 6676 events, 4 frames, skipped {}');
  });

  it('examples/framesFromFile.ts bins the EVT3 fixture into frames', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/framesFromFile.ts'], { cwd: REPO_ROOT });
    expect(stdout).toContain('219596 events → 10 frames holding 219596 events');
  });

  it('examples/liveStream.ts serves, receives and filters the DAVIS346 fixture', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/liveStream.ts'], { cwd: REPO_ROOT });
    expect(stdout).toContain('denoise: 6676 in, 741 removed');
    expect(stdout).toContain('18 frames; the camera sent 6676 events');
  });

  it('examples/trainMovingBars.ts trains and streams', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/trainMovingBars.ts'], { cwd: REPO_ROOT });
    expect(stdout).toMatch(/best validation accuracy \d+\.\d %/);
    expect(stdout.match(/^window logits( -?\d+\.\d\d){4}$/gm)).toHaveLength(2);
  }, 120_000);

  it('examples/auditMovingBars.ts trains and audits a small network', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/auditMovingBars.ts'], { cwd: REPO_ROOT });
    expect(stdout).toMatch(/^clean accuracy \d+\.\d %$/m);
    expect(stdout.match(/^ε 0\.(05|2): random \d+\.\d %, fgsm \d+\.\d %, pgd \d+\.\d %$/gm)).toHaveLength(2);
  }, 180_000);
});

describe('README', () => {
  it.each(['decodeChunks.ts', 'framesFromFile.ts', 'liveStream.ts', 'trainMovingBars.ts', 'auditMovingBars.ts'])('shows examples/%s as it is', (name) => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    // The files start with two comment lines (what, how to run) that the README says in prose.
    const code = readFileSync(join(REPO_ROOT, 'examples', name), 'utf8').split('\n').slice(2).join('\n');
    expect(readme).toContain(code.trim());
  });
});
