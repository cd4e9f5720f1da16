import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/samples.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string>; files: string[] };

/** Loads each subpath by the package's own name (Node's self-reference) and prints its export names. */
const LOADER = `
const out = {};
for (const sub of JSON.parse(process.argv[1])) out[sub] = Object.keys(await import('spikeguard' + sub.slice(1))).sort();
console.log(JSON.stringify(out));`;

describe('the built package', () => {
  // Built into a temporary copy, so a stale dist/ in the checkout can neither pass nor fail this test.
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spikeguard-pkg-'));
    await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')], { cwd: REPO_ROOT });
    copyFileSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }, 180_000);
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('ships every exports target (package.json files)', () => {
    for (const target of Object.values(pkg.exports)) {
      expect(pkg.files.some((f) => target.startsWith(`./${f}/`)), target).toBe(true);
    }
  });

  it("import('spikeguard') and every subpath load from dist", async () => {
    const subpaths = Object.keys(pkg.exports);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', LOADER, JSON.stringify(subpaths)], { cwd: dir });
    const names = JSON.parse(stdout) as Record<string, string[]>;
    expect(Object.keys(names).sort()).toEqual([...subpaths].sort());
    for (const sub of subpaths) expect(names[sub]!.length, sub).toBeGreaterThan(0);
    expect(names['.']).toEqual(expect.arrayContaining(['concatBatches', 'openDecoder', 'buildModel', 'movingBars', 'classifyWindows', 'BackendError']));
    expect(names['.']).not.toContain('loadWasm');
    expect(names['./internal']).toContain('loadWasm');
  });
});
