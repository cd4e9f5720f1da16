import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { ConfigError } from '../errors.js';
import { writeAuditReport } from '../report/index.js';
import {
  AUDIT_DEFAULTS, checkOutputs, runAudit, summarizeAudit, type AuditAttack, type AuditReport, type AuditSettings, type InputDomain, type NoiseKind,
} from '../robust/index.js';
import { defaultMemoryBudgetMb, loadCheckpoint, parseBackendName, selectBackend, type BackendName } from '../snn/index.js';
import { auditSource, type SourceFlags } from './auditSource.js';
import { checkOutputPath } from './checkOutputPath.js';
import { numberIn } from './numberOption.js';
import { checkSizes, memoryOption } from './snnMemory.js';
import { note } from './notes.js';
import { countProgress } from './progress.js';

interface AuditFlags extends SourceFlags {
  model: string; attacks: string; eps: string; gradients: string; domain: string; steps: number; restarts: number;
  stepFraction: number; squareQueries: number; noise?: NoiseKind; draws: number; batch: number; seed: number;
  out: string; html?: string; resume?: boolean; workers: number; backend?: BackendName; memoryMb?: number; progress: boolean;
}

/** `unit`, `binary` or `counts:MAX`. */
function parseDomain(text: string): InputDomain {
  if (text === 'unit' || text === 'binary') return { kind: text };
  const m = /^counts:(.+)$/.exec(text);
  if (m !== null) return { kind: 'counts', max: Number(m[1]) };
  throw new ConfigError(`audit: --domain must be unit, binary or counts:MAX, got "${text}"`);
}

/** A comma-separated list of numbers, each finite. */
function parseNumbers(text: string, what: string): number[] {
  const v = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (v.some((n) => !Number.isFinite(n))) throw new ConfigError(`audit: ${what} must be numbers separated by commas, got "${text}"`);
  return v;
}

function settingsOf(f: AuditFlags): AuditSettings {
  const domain = parseDomain(f.domain);
  return {
    attacks: f.attacks.split(',').map((a) => a.trim()).filter((a) => a !== '') as AuditAttack[],
    eps: parseNumbers(f.eps, '--eps'), gradients: f.gradients, domain, steps: f.steps, restarts: f.restarts,
    stepFraction: f.stepFraction, squareQueries: f.squareQueries, noise: f.noise ?? (domain.kind === 'binary' ? 'flips' : 'uniform'),
    draws: f.draws, batchSize: f.batch, seed: f.seed,
  };
}

/**
 * Registers `spikeguard audit --model CK --data SRC --attacks … --eps … --out REPORT.json`: clean,
 * random and adversarial evaluations over an ε sweep (attacks as ensembles over gradient
 * settings), resumable (state file beside the report), on N worker threads; writes a JSON report
 * and a self-contained HTML page.
 */
export function registerAudit(program: Command): void {
  program.command('audit')
    .description('robustness audit: accuracy under attacks and random noise over an ε sweep, with obfuscation checks; JSON + HTML report')
    .requiredOption('--model <checkpoint>', 'model checkpoint (spikeguard train --out)')
    .requiredOption('--data <source>', 'moving-bars, saccade-digits (test split), a .npz of spike tensors [N,T,H,W,2] + labels, a .json list [{"file","label"}] or a folder <class>/<recording>')
    .requiredOption('--out <report.json>', 'JSON report (the HTML page and the resume state go beside it)')
    .option('--html <report.html>', 'HTML report (default: the JSON path with .html)')
    .option('--attacks <list>', 'attacks: fgsm, pgd, apgd, square', 'fgsm,pgd')
    .option('--eps <list>', 'ε sweep in the domain\'s units, ascending (binary: cells flipped)', '0.01,0.03,0.1,0.3')
    .option('--gradients <list>', 'gradient ensemble: paper, wide, triangle:1, sigmoid:4, atan:2, rate, …', AUDIT_DEFAULTS.gradients)
    .option('--domain <d>', 'input domain: unit, binary or counts:MAX', 'unit')
    .option('--steps <n>', 'PGD/APGD steps', numberIn(1, 10_000, true), AUDIT_DEFAULTS.steps)
    .option('--restarts <n>', 'PGD/APGD restarts', numberIn(1, 1000, true), AUDIT_DEFAULTS.restarts)
    .option('--step-fraction <x>', 'PGD step as a fraction of ε', numberIn(1e-6, 10, false), AUDIT_DEFAULTS.stepFraction)
    .option('--square-queries <n>', 'Square query budget', numberIn(1, 100_000, true), AUDIT_DEFAULTS.squareQueries)
    .addOption(new Option('--noise <kind>', 'random baseline (default: uniform; flips on binary)').choices(['uniform', 'gaussian', 'sign', 'flips']))
    .option('--draws <n>', 'random baseline: worst of n draws', numberIn(1, 1000, true), AUDIT_DEFAULTS.draws)
    .option('--batch <n>', 'samples per unit of work', numberIn(1, 4096, true), AUDIT_DEFAULTS.batchSize)
    .option('--seed <n>', 'seed of every random start and draw', numberIn(0, 2 ** 31 - 1, true), AUDIT_DEFAULTS.seed)
    .option('--samples <n>', 'moving-bars: samples generated (default 256); other sources: the first n', numberIn(1, 10_000_000, true))
    .option('--T <n>', 'moving-bars, saccade-digits: time steps (frames)', numberIn(1, 1024, true), 8)
    .option('--data-seed <n>', 'moving-bars: generator seed', numberIn(0, 2 ** 31 - 1, true), 1000)
    .option('--bins <n>', 'recordings: time bins per recording (whole recording)', numberIn(1, 1024, true), 8)
    .addOption(new Option('--values <v>', 'recordings: bin values').choices(['binary', 'count']).default('binary'))
    .option('--resume', 'require the state of an interrupted run of this audit (default: use it if there)')
    .option('--no-resume', 'start over, ignoring any state file')
    .option('--workers <n>', 'worker threads (each loads the checkpoint)', numberIn(1, 64, true), 1)
    .option('--backend <name>', 'tensorflow.js backend (default: best available)', parseBackendName)
    .addOption(memoryOption())
    .option('--no-progress', 'no progress output')
    .action(auditCommand);
}

/** Prints the headline numbers and any obfuscation warning. */
function printSummary(report: AuditReport, resumedUnits: number, paths: readonly string[]): void {
  const pct = (a: number): string => `${(100 * a).toFixed(1)} %`;
  process.stdout.write(`clean accuracy ${pct(report.clean.accuracy)} on ${report.data.samples} samples; ${resumedUnits} units resumed\n`);
  const { changed, cells } = report.data.clamp;
  if (changed > 0) process.stdout.write(`the ${report.settings.domain.kind} domain's projection changed ${changed} of ${cells} clean input cells before any attack\n`);
  for (const p of report.sweep) process.stdout.write(`ε ${p.eps}: random ${pct(p.random)}, ${p.attacks.map((a) => `${a.attack} ${pct(a.accuracy)}`).join(', ')}\n`);
  const warns = report.sweep.flatMap((p) => p.checks.filter((c) => c.status === 'warn').map((c) => `ε ${p.eps}: ${c.check} (${c.detail})`));
  process.stdout.write(`${warns.length === 0 ? 'obfuscation checks: all pass' : `obfuscation warnings:\n  ${warns.join('\n  ')}`}\nwrote ${paths.join(' and ')}\n`);
}

/** The action of `spikeguard audit`: Ctrl-C stops after the unit under way (the state keeps the rest). */
async function auditCommand(f: AuditFlags): Promise<void> {
  const settings = settingsOf(f);
  const html = f.html ?? f.out.replace(/(\.json)?$/i, '.html');
  const statePath = f.out.replace(/(\.json)?$/i, '.state.json');
  checkOutputs([f.out, html, statePath], [f.model]);
  for (const [path, option] of [[f.out, '--out'], [html, '--html']] as const) await checkOutputPath(path, option);
  const choice = await selectBackend({ backend: f.backend, log: note });
  const budgetMb = f.memoryMb ?? defaultMemoryBudgetMb(choice.name);
  const { model } = await loadCheckpoint(f.model);
  const bar = f.progress ? countProgress('audit', 'units') : { update: () => undefined, stop: () => undefined };
  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    const data = await auditSource(f, model, budgetMb * 2 ** 20);
    const T = data.samples.shape[0];
    // attacks backpropagate to the input: a batch costs what a training step of that batch does
    checkSizes(model.spec, { T, batch: Math.min(f.batch, data.samples.size), mode: 'training', workers: f.workers }, choice.name, budgetMb,
      `--batch ${f.batch}, T ${T}, --workers ${f.workers}`);
    const inputs = [f.model, ...data.inputs];
    checkOutputs([f.out, html, statePath], inputs);
    const run = await runAudit({
      model, data: data.samples, settings, statePath, resume: f.resume === undefined ? 'auto' : f.resume ? 'require' : 'never',
      workers: f.workers, checkpoint: f.model, backend: choice.name, memoryMb: budgetMb, signal: stop.signal, onProgress: bar.update,
    });
    bar.stop();
    const { name, input, classes } = model.spec;
    const report = summarizeAudit(run, { model: { name, input, classes, checkpoint: basename(f.model) }, data: { shape: data.samples.shape, source: data.source } });
    await writeAuditReport(report, { json: f.out, html }, inputs);
    printSummary(report, run.resumedUnits, [f.out, html]);
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
    model.dispose();
  }
}
