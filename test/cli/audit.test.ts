import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, parseModelSpec, saveCheckpoint, SPEC_VERSION } from '../../src/snn/index.js';
import { encodeSpikeNpz } from '../../src/robust/npz/spikeNpz.js';
import type { AuditReport } from '../../src/robust/index.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES, REPO_ROOT } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';
import { BARS, trainedSmall } from '../robust/robustHelpers.js';
import { tempDir } from '../robust/audit/auditFixture.js';

const HAVE_PYTHON = spawnSync('/usr/bin/python3', ['-c', 'import json'], { stdio: 'ignore' }).status === 0;
const dir = tempDir();
const ck = join(dir, 'small.sgck');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The audit flags shared by the tests: a quick audit of 24 moving bars at the small model's size. */
const QUICK = ['--data', 'moving-bars', '--samples', '24', '--T', '6', '--attacks', 'fgsm,pgd,square', '--eps', '0.05,0.3',
  '--gradients', 'triangle:1,rate', '--steps', '4', '--square-queries', '10', '--draws', '2', '--batch', '8', '--backend', 'cpu', '--no-progress'];

const readReport = (path: string): AuditReport => JSON.parse(readFileSync(path, 'utf8')) as AuditReport;
/** A report without wall times (the only values that differ between identical runs). */
const timeless = (r: AuditReport): unknown => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'msPerSample' ? 0 : v)));

describe('spikeguard audit', () => {
  let reference: AuditReport;
  beforeAll(async () => {
    await useBackend('cpu');
    const model = await trainedSmall();
    await saveCheckpoint(ck, model);
    model.dispose();
  }, 120_000);

  it('audits a trained model end to end: JSON report (versioned, plain) and a self-contained HTML page', async () => {
    const r = await cli('audit', '--model', ck, ...QUICK, '--out', join(dir, 'a.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/clean accuracy \d+\.\d % on 24 samples; 0 units resumed/);
    reference = readReport(join(dir, 'a.json'));
    expect(reference).toMatchObject({ schema: 'spikeguard-audit', version: 1, data: { samples: 24, shape: [6, 8, 8, 2], source: { kind: 'moving-bars', seed: 1000 } } });
    expect(reference.settings).toMatchObject({ attacks: ['fgsm', 'pgd', 'square'], eps: [0.05, 0.3], seed: 0, steps: 4, draws: 2 });
    expect(reference.sweep.map((p) => p.attacks.map((a) => a.attack))).toEqual([['fgsm', 'pgd', 'square'], ['fgsm', 'pgd', 'square']]);
    expect(reference.samples.outcomes['pgd@0.3/rate']).toMatch(/^[01]{24}$/);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(html).not.toMatch(/https?:|<script|src=|href=/i);
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('Accuracy vs ε: adversarial and random');
    if (!HAVE_PYTHON) return;
    const py = spawnSync('/usr/bin/python3', ['-c', 'import json,sys; r=json.load(open(sys.argv[1])); print(r["schema"], r["version"], len(r["samples"]["labels"]))', join(dir, 'a.json')], { encoding: 'utf8' });
    expect(py.stdout.trim(), py.stderr).toBe('spikeguard-audit 1 24');
  }, 120_000);

  /** Starts an audit in a child process and waits until its state file holds `units` finished units. */
  async function startAndWait(out: string, units: number): Promise<{ child: ReturnType<typeof spawn>; stderr: () => string }> {
    const state = out.replace(/\.json$/, '.state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', '--model', ck, ...QUICK, '--out', out], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
    // header line + one line per finished unit
    const finished = (): number => (existsSync(state) ? readFileSync(state, 'utf8').split('\n').length - 2 : 0);
    while (finished() < units && child.exitCode === null) await new Promise((res) => setTimeout(res, 50));
    return { child, stderr: () => stderr };
  }

  it('a killed audit resumes from its state file to the same report', async () => {
    const out = join(dir, 'killed.json');
    const { child } = await startAndWait(out, 5);
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    expect(existsSync(out)).toBe(false);
    const r = await cli('audit', '--model', ck, ...QUICK, '--out', out, '--resume');
    expect(r.code, r.stderr).toBe(0);
    expect(Number(/(\d+) units resumed/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(5);
    expect(timeless(readReport(out))).toEqual(timeless(reference));
  }, 120_000);

  it('Ctrl-C stops after the unit under way and says how to resume', async () => {
    const { child, stderr } = await startAndWait(join(dir, 'interrupted.json'), 3);
    child.kill('SIGINT');
    const code = await new Promise((res) => child.once('exit', res));
    expect(code).toBe(1);
    expect(stderr()).toMatch(/^error: audit aborted after \d+ of 30 units; run it again to resume from .*interrupted\.state\.json$/m);
    expect(existsSync(join(dir, 'interrupted.json'))).toBe(false);
  }, 120_000);

  it('reads spike tensors from a .npz, and recordings from a folder of class sub-folders', async () => {
    const per = 6 * 8 * 8 * 2;
    const data = new Float32Array(12 * per);
    const labels = new Int32Array(12);
    for (let i = 0; i < 12; i++) {
      const s = BARS.get(130 + i);
      data.set(s.x, i * per);
      labels[i] = s.label;
    }
    writeFileSync(join(dir, 'bars.npz'), encodeSpikeNpz({ x: data, shape: [12, 6, 8, 8, 2], labels }));
    const r = await cli('audit', '--model', ck, ...QUICK, '--data', join(dir, 'bars.npz'), '--attacks', 'pgd', '--out', join(dir, 'npz.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(join(dir, 'npz.json')).data).toMatchObject({ samples: 12, source: { kind: 'npz' } });

    const nmnist = buildModel(parseModelSpec({
      version: SPEC_VERSION, name: 'tiny34', input: [34, 34, 2], classes: 2,
      neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
      layers: [{ type: 'flatten' }, { type: 'dense', units: 8, bias: true }, { type: 'spiking' }, { type: 'dense', units: 2, bias: true }],
    }), { seed: 1 });
    await saveCheckpoint(join(dir, 'tiny34.sgck'), nmnist);
    nmnist.dispose();
    for (const c of ['one', 'zero']) {
      mkdirSync(join(dir, 'rec', c), { recursive: true });
      symlinkSync(join(FIXTURES, 'nmnist_sample.bin'), join(dir, 'rec', c, 'a.bin'));
      writeFileSync(join(dir, 'rec', c, '.DS_Store'), 'not a recording');
    }
    const f = await cli('audit', '--model', join(dir, 'tiny34.sgck'), '--data', join(dir, 'rec'), '--bins', '4', '--attacks', 'fgsm', '--eps', '0.1',
      '--gradients', 'rate', '--backend', 'cpu', '--no-progress', '--out', join(dir, 'rec.json'));
    expect(f.code, f.stderr).toBe(0);
    expect(readReport(join(dir, 'rec.json')).data).toMatchObject({ samples: 2, shape: [4, 34, 34, 2], source: { kind: 'recording-folder', classes: ['one', 'zero'], outside: 0, excluded: 0 } });
    expect(readReport(join(dir, 'rec.json')).samples.labels).toEqual([0, 1]);
  }, 120_000);

  it.each([
    ['an unknown attack', ['--attacks', 'pgd,cw'], /unknown attack "cw"/],
    ['a negative ε', ['--eps', '-0.1,0.1'], /ε must be finite and ≥ 0/],
    ['ε not numbers', ['--eps', '0.1,big'], /--eps must be numbers/],
    ['empty data', ['--data', join(dir, 'empty.json')], /no recordings to audit/],
    ['an unknown source', ['--data', join(dir, 'nothing.bin')], /neither moving-bars/],
    ['an output over the model', ['--out', ck], /refusing to overwrite the input/],
    ['an output in a missing directory', ['--out', join(dir, 'no', 'such', 'x.json')], /--out .*x\.json: directory .* does not exist/],
  ])('refuses %s with a one-line user error', async (_what, extra, message) => {
    writeFileSync(join(dir, 'empty.json'), '[]');
    const before = readFileSync(ck);
    const r = await cli('audit', '--model', ck, ...QUICK, '--out', join(dir, 'bad.json'), ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(ck)).toEqual(before);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  }, 60_000);
});
