import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root. */
export const REPO_ROOT = resolve(here, '..', '..');
/** `../shared/samples` beside the clone: real recordings, absent in a user's clone. */
export const SHARED_SAMPLES = resolve(REPO_ROOT, '..', 'shared', 'samples');
/** Small recordings copied into the repository (see fixtures/README.md). */
export const FIXTURES = join(REPO_ROOT, 'fixtures');

/** True when the shared samples are present. Tests use `describe.skipIf(!HAVE_SHARED)`. */
export const HAVE_SHARED = existsSync(SHARED_SAMPLES);
if (!HAVE_SHARED) {
  console.warn(`[spikeguard tests] ${SHARED_SAMPLES} is absent: tests on shared sample recordings are skipped.`);
}

/** Bytes of a shared sample (call only inside a suite skipped when !HAVE_SHARED). */
export function sharedSample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SHARED_SAMPLES, name)));
}

/** Bytes of a fixture file. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}
