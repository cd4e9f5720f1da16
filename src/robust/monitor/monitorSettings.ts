import { ConfigError } from '../../errors.js';
import { parseGradientSettings } from '../GradientSetting.js';
import type { MonitorOptions } from './MonitorOptions.js';

/** The user-facing monitor settings (CLI flags, pipeline configs): the rest is fixed. */
export interface MonitorSettings {
  readonly every: number;
  readonly budgetMs: number;
  /** Upper end of the ε search (default 1; binary domain: 256 cells). */
  readonly epsMax?: number;
  readonly steps: number;
  readonly draws: number;
  /** One gradient setting as text (`triangle:1`, `atan:2`, `rate`, …). */
  readonly gradient: string;
  readonly domain: 'unit' | 'binary';
}

/**
 * The monitor's options from its settings: L∞, tolerance εmax/32 (binary: 1 cell), seed 0.
 * `name` names the gradient setting in errors (`--monitor-gradient`, `monitor.gradient`).
 * @throws ConfigError for a gradient list of more than one setting or an invalid one (the other
 *   settings are checked when the monitor is built).
 */
export function monitorOptionsOf(s: MonitorSettings, name: string): MonitorOptions {
  const gradients = parseGradientSettings(s.gradient);
  if (gradients.length !== 1) throw new ConfigError(`${name} takes one setting, got ${gradients.length} (${s.gradient})`);
  const binary = s.domain === 'binary';
  const epsMax = s.epsMax ?? (binary ? 256 : 1);
  return {
    every: s.every, budgetMs: s.budgetMs, epsMax, tolerance: binary ? 1 : epsMax / 32, steps: s.steps,
    draws: s.draws, norm: 'linf', gradient: gradients[0]!, domain: { kind: s.domain }, seed: 0,
  };
}
