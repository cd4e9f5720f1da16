import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * spikeguard's package.json and its folder, found by walking up from this file (it runs from
 * `src/cli` under tsx and from `dist/src/cli` when built); null if not found.
 */
function findPackage(): { dir: string; version: string } | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'spikeguard' && typeof pkg.version === 'string') return { dir, version: pkg.version };
    } catch {
      // no package.json here: look in the parent
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The version in spikeguard's package.json. */
export function packageVersion(): string {
  return findPackage()?.version ?? 'unknown';
}

/** The folder of spikeguard's package.json (the clone's root), or the working directory. */
export function packageRoot(): string {
  return findPackage()?.dir ?? process.cwd();
}
