import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('examples/attackAndDefend.ts trains vanilla and SR models and attacks both', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/attackAndDefend.ts'], { cwd: REPO_ROOT });
    const line = /^(vanilla|sr): clean (\d+\.\d) %; at ε 0\.05, PGD-10 ensemble (\d+\.\d) %, uniform noise (\d+\.\d) %$/gm;
    const rows = [...stdout.matchAll(line)].map((m) => ({ method: m[1], clean: Number(m[2]), adversarial: Number(m[3]), random: Number(m[4]) }));
    expect(rows.map((r) => r.method)).toEqual(['vanilla', 'sr']);
    for (const r of rows) expect(r.adversarial).toBeLessThanOrEqual(r.random); // the gap the paper measures
  }, 180_000);
});

/** Runs an example on a file; resolves with its exit code and output (a failing run does not reject). */
async function runExample(name: string, file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `examples/${name}`, file], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** A fixture without its last `cut` bytes, written to a temporary file. */
function cutFixture(name: string, cut: number): string {
  const bytes = readFileSync(join(REPO_ROOT, 'fixtures', name));
  const path = join(mkdtempSync(join(tmpdir(), 'spikeguard-ex-')), name);
  writeFileSync(path, bytes.subarray(0, bytes.length - cut));
  return path;
}

describe('README examples on bad input: they show the error handling users copy', () => {
  it('decodeChunks.ts reports a file cut mid-packet (its size not a multiple of 4096) and exits 1', async () => {
    const r = await runExample('decodeChunks.ts', cutFixture('aedat4_davis346_evlib_sample.aedat4', 5001));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/aedat4: at byte \d+: expected a whole packet: the packet announces \d+ bytes/);
    expect(r.stdout).toMatch(/^aedat4: \d+ events/);
  });

  it('decodeChunks.ts reads the header-only AEDAT 2.0 file as aedat2 with 0 events', async () => {
    const r = await runExample('decodeChunks.ts', 'fixtures/aedat2_davis346red_header_only.aedat');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('aedat2: 0 events, 0 frames');
  });

  it('framesFromFile.ts reports a decoding fault, bins the events before it and exits 1', async () => {
    const r = await runExample('framesFromFile.ts', cutFixture('evt3_gen41_1280x720_expelliarmus.raw', 1));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('evt3: at byte 618050: expected a whole 2-byte word, got 1 bytes');
    expect(r.stdout).toContain('219596 events → 10 frames');
  });
});

describe('README', () => {
  it.each(['decodeChunks.ts', 'framesFromFile.ts', 'liveStream.ts', 'trainMovingBars.ts', 'auditMovingBars.ts'])('shows examples/%s as it is', (name) => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    // The files start with two comment lines (what, how to run) that the README says in prose.
    const code = readFileSync(join(REPO_ROOT, 'examples', name), 'utf8').split('\n').slice(2).join('\n');
    expect(readme).toContain(code.trim());
  });
});
