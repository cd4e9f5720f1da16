import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../../errors.js';

/** The path with links resolved when it exists (else just absolute). */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Refuses outputs that would overwrite an input (also through links) or each other.
 * @throws ConfigError naming the clash.
 */
export function checkOutputs(outputs: readonly string[], inputs: readonly string[]): void {
  const ins = new Map(inputs.map((p) => [canonical(p), p]));
  const seen = new Set<string>();
  for (const out of outputs) {
    const c = canonical(out);
    const clash = ins.get(c);
    if (clash !== undefined) throw new ConfigError(`refusing to overwrite the input ${clash} with an output`);
    if (seen.has(c)) throw new ConfigError(`two outputs would be written to ${out}`);
    seen.add(c);
  }
}
