import * as tf from '@tensorflow/tfjs-core';
import { BackendError, ConfigError } from '../../errors.js';
import { loadWasm } from './loadWasm.js';

/** The backends spikeguard can run on, best first (DESIGN.md "Backends"). */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;

/**
 * A backend by spikeguard's name: `tensorflow` is the native libtensorflow binding of
 * `@tensorflow/tfjs-node-gpu` (tried first) or `@tensorflow/tfjs-node`; `wasm` is
 * `@tensorflow/tfjs-backend-wasm`; `cpu` is the plain-JS `@tensorflow/tfjs-backend-cpu`.
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Receives one human-readable line per backend decision. */
export type BackendLogger = (message: string) => void;

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Use exactly this backend (no fallback); absent: the best one that loads. */
  readonly backend?: string | undefined;
  /** Where the choice is logged; default: one line on stderr (`console.error`). */
  readonly log?: BackendLogger | undefined;
}

/** A backend that could not be used, and why. */
export interface SkippedBackend {
  readonly name: BackendName;
  readonly reason: string;
}

/** The backend now active in the global tfjs engine. */
export interface BackendChoice {
  readonly name: BackendName;
  /** The npm package that provides it, e.g. `@tensorflow/tfjs-backend-wasm`. */
  readonly packageName: string;
  /** Backends tried before it (automatic choice only). */
  readonly skipped: readonly SkippedBackend[];
}

/** Default logger: the choice is part of DESIGN's contract, so it is visible unless replaced. */
const stderrLogger: BackendLogger = (message) => console.error(message);

/**
 * Loads and activates a TensorFlow.js backend in the global tfjs engine: the one named in
 * `options.backend`, else the best that loads of `tensorflow` (tfjs-node-gpu, then tfjs-node;
 * both optional and never installed by `npm ci`), `wasm` (binaries read from the installed
 * package folder, so it works offline), `cpu`. Logs the choice through `options.log`.
 * Creates no tensors. Calling it again switches the backend (tensors created before migrate lazily).
 *
 * @throws ConfigError if `options.backend` is not one of {@link BACKEND_NAMES}.
 * @throws BackendError if the named backend (or, automatically, every backend) cannot load;
 *   `reason` says why.
 * @example
 * const choice = await selectBackend({ log: (m) => logger.info(m) });   // 'wasm' here
 * await selectBackend({ backend: 'cpu', log: () => {} });                // force the JS backend
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const log = options.log ?? stderrLogger;
  if (options.backend !== undefined) {
    const name = parseBackendName(options.backend);
    const packageName = await activate(name);
    log(`spikeguard: tfjs backend ${name} (${packageName}), as requested`);
    return { name, packageName, skipped: [] };
  }
  const skipped: SkippedBackend[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      const packageName = await activate(name);
      log(`spikeguard: tfjs backend ${name} (${packageName})${skippedNote(skipped)}`);
      return { name, packageName, skipped };
    } catch (e) {
      if (!(e instanceof BackendError)) throw e;
      skipped.push({ name, reason: e.reason });
    }
  }
  throw new BackendError('auto', skipped.map((s) => `${s.name}: ${s.reason}`).join('; '));
}

/** Reason of a package that is simply absent (the usual case for the optional native bindings). */
const NOT_INSTALLED = 'not installed';
/** The install hint is given once per process: it is advice, not news. */
let hinted = false;

/** A short note on the skipped backends: one clause each, and once the way to a faster one. */
function skippedNote(skipped: readonly SkippedBackend[]): string {
  if (skipped.length === 0) return '';
  const absent = skipped.every((s) => s.reason.split('; ').every((r) => r.endsWith(`: ${NOT_INSTALLED}`)));
  const what = absent ? `; ${skipped.map((s) => s.name).join(', ')} not installed` : `; skipped ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`;
  const hint = hinted || !skipped.some((s) => s.name === 'tensorflow') ? '' : ' (faster: npm install @tensorflow/tfjs-node)';
  hinted = true;
  return what + hint;
}

/**
 * Checks a user-given backend name.
 * @throws ConfigError naming the valid choices.
 * @example parseBackendName('wasm') // 'wasm'
 */
export function parseBackendName(name: string): BackendName {
  const found = BACKEND_NAMES.find((n) => n === name);
  if (found === undefined) {
    throw new ConfigError(`unknown backend "${name}"; expected one of ${BACKEND_NAMES.join(', ')}`);
  }
  return found;
}

/** Loads the package(s) of `name` and makes it the active backend; returns the package name. */
async function activate(name: BackendName): Promise<string> {
  switch (name) {
    case 'tensorflow':
      return activateTensorflow();
    case 'wasm':
      await loadWasm();
      await setActive('wasm', 'wasm');
      return '@tensorflow/tfjs-backend-wasm';
    case 'cpu':
      await importOrFail('cpu', '@tensorflow/tfjs-backend-cpu');
      await setActive('cpu', 'cpu');
      silenceCpuGreeting();
      return '@tensorflow/tfjs-backend-cpu';
  }
}

/** tfjs-node-gpu, else tfjs-node: both register the tfjs backend `tensorflow` on import. */
async function activateTensorflow(): Promise<string> {
  const reasons: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await importOrFail('tensorflow', pkg);
      await setActive('tensorflow', 'tensorflow');
      return pkg;
    } catch (e) {
      if (!(e instanceof BackendError)) throw e;
      reasons.push(e.reason);
    }
  }
  throw new BackendError('tensorflow', reasons.join('; '));
}

/**
 * Imports an optional package by a computed specifier, so TypeScript and `npm ci` do not need it.
 * @throws BackendError if the import fails (not installed, native binary missing, ...).
 */
async function importOrFail(backend: BackendName, specifier: string): Promise<unknown> {
  try {
    const mod: unknown = await import(specifier);
    return mod;
  } catch (e) {
    throw new BackendError(backend, `cannot import ${specifier}: ${importFailure(e, specifier)}`);
  }
}

/**
 * Why an import failed, in a few words: Node's "Cannot find package" message repeats the importing
 * file's path (~400 characters), so an absent package is just "not installed"; other failures
 * (a broken native binary) keep their first line, cut at 160 characters.
 */
function importFailure(e: unknown, specifier: string): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${specifier}'`)) return NOT_INSTALLED;
  const first = message.split('\n')[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

/** Activates a registered tfjs backend, turning tfjs's `false` into a BackendError. */
async function setActive(backend: BackendName, tfName: string): Promise<void> {
  if (tf.findBackendFactory(tfName) === null) {
    throw new BackendError(backend, `no tfjs backend "${tfName}" registered after import`);
  }
  if (tf.getBackend() === tfName) return;
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new BackendError(backend, `tf.setBackend('${tfName}') failed (tfjs logged the cause)`);
  await tf.ready();
}

/**
 * tfjs-backend-cpu prints a "install tfjs-node" banner on its first tensor in Node; the choice is
 * already logged through the injected logger, so the banner is switched off (`firstUse`, 4.22).
 */
function silenceCpuGreeting(): void {
  const b: unknown = tf.backend();
  if (typeof b === 'object' && b !== null && 'firstUse' in b) b.firstUse = false;
}
