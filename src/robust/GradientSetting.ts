import { ConfigError } from '../errors.js';
import { surrogateOf, type ForwardOptions } from '../snn/index.js';

/**
 * How gradients pass through spikes for one attack run: a surrogate (BPTT) or the rate-based
 * gradient (RGA, `{ gradient: 'rate' }`). Attacks always add `training: false` themselves.
 */
export interface GradientSetting {
  readonly label: string;
  readonly forward: ForwardOptions;
}

function surrogateSetting(name: string, gamma?: number): GradientSetting {
  const s = surrogateOf(name, gamma);
  return { label: `${s.name}:${s.gamma}`, forward: { surrogate: s, gradient: 'surrogate' } };
}

const RATE: GradientSetting = { label: 'rate', forward: { gradient: 'rate' } };

/**
 * Ensembles of gradient settings. `paper`: triangle γ=1, sigmoid γ=4, atan γ=2 and RGA (Liu et al.
 * 2024); `wide` adds triangle γ ∈ {0.25, 0.5, 2, 3}, rectangle (γ=1) and straight-through.
 */
export const PRESETS: { readonly paper: readonly GradientSetting[]; readonly wide: readonly GradientSetting[] } = (() => {
  const paper = [surrogateSetting('triangle', 1), surrogateSetting('sigmoid', 4), surrogateSetting('atan', 2), RATE];
  const wide = [
    ...paper,
    ...[0.25, 0.5, 2, 3].map((g) => surrogateSetting('triangle', g)),
    surrogateSetting('rectangle', 1),
    surrogateSetting('straightThrough'),
  ];
  return { paper, wide };
})();

/**
 * Parses a comma-separated list of gradient settings: `name` or `name:γ` for a surrogate
 * (default γ of each), `rate` for RGA, or a preset name (`paper`, `wide`). Duplicates are kept once.
 * @throws ConfigError for an empty list, an unknown name or an invalid γ.
 * @example parseGradientSettings('triangle:1,atan:2,rate') // three settings
 */
export function parseGradientSettings(list: string): GradientSetting[] {
  const items = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new ConfigError('gradient settings: empty list');
  const out = new Map<string, GradientSetting>();
  for (const item of items) {
    for (const s of parseOne(item)) out.set(s.label, s);
  }
  return [...out.values()];
}

function parseOne(item: string): readonly GradientSetting[] {
  if (item === 'paper' || item === 'wide') return PRESETS[item];
  if (item === 'rate') return [RATE];
  const [name = '', gammaText, extra] = item.split(':');
  if (extra !== undefined) throw new ConfigError(`gradient setting "${item}": expected name or name:gamma`);
  if (gammaText === undefined) return [surrogateSetting(name)];
  const gamma = Number(gammaText);
  if (gammaText.trim() === '' || !Number.isFinite(gamma)) throw new ConfigError(`gradient setting "${item}": gamma "${gammaText}" is not a number`);
  return [surrogateSetting(name, gamma)];
}
