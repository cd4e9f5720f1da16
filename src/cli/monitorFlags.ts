import { type Command, Option } from 'commander';
import { monitorOptionsOf, type MonitorOptions } from '../robust/index.js';
import { numberIn, positiveNumber } from './numberOption.js';

/** The `classify --monitor` flags (commander's camel-cased names). */
export interface MonitorFlags {
  monitor?: boolean; monitorEvery: number; monitorBudgetMs: number; monitorEpsMax?: number; monitorSteps: number;
  monitorDraws: number; monitorGradient: string; monitorDomain: 'unit' | 'binary';
}

/**
 * Adds `--monitor` and its settings to `classify`.
 * @example addMonitorOptions(program.command('classify'))
 */
export function addMonitorOptions(cmd: Command): Command {
  return cmd
    .option('--monitor', 'also print online robustness records {"monitor":…} for sampled windows')
    .option('--monitor-every <k>', 'measure every k-th window', positiveNumber(true), 10)
    .option('--monitor-budget-ms <ms>', 'time budget per record (checked between PGD probes)', numberIn(0, 3_600_000, false), 500)
    .option('--monitor-eps-max <x>', 'upper end of the ε search (default 1; binary domain: 256 cells)', positiveNumber(false))
    .option('--monitor-steps <n>', 'PGD steps per probe', numberIn(1, 1000, true), 5)
    .option('--monitor-draws <n>', 'random draws for the random flip rate', numberIn(1, 1024, true), 16)
    .option('--monitor-gradient <g>', 'gradient setting of the attack, e.g. triangle:1, atan:2, rate', 'triangle:1')
    .addOption(new Option('--monitor-domain <kind>', 'input domain: unit ([0,1], frames clamped) or binary (cell flips, ε in cells)').choices(['unit', 'binary']).default('unit'));
}

/**
 * The monitor settings the flags ask for (`monitorOptionsOf`: tolerance εmax/32, or 1 cell; L∞;
 * seed 0), or null without `--monitor`.
 * @throws ConfigError for a gradient list of more than one setting or an invalid one (the other
 *   settings are checked when the monitor is built).
 */
export function monitorFromFlags(f: MonitorFlags): MonitorOptions | null {
  if (f.monitor !== true) return null;
  return monitorOptionsOf({
    every: f.monitorEvery, budgetMs: f.monitorBudgetMs, ...(f.monitorEpsMax === undefined ? {} : { epsMax: f.monitorEpsMax }),
    steps: f.monitorSteps, draws: f.monitorDraws, gradient: f.monitorGradient, domain: f.monitorDomain,
  }, '--monitor-gradient');
}
