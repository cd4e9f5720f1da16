import { ConfigError } from '../src/errors.js';

/** A parsed JSON/YAML value at a named place of a pipeline config (for error messages). */
export type Raw = unknown;

/**
 * The object at `path`, with no key outside `known`: a misspelt key is a user error, never
 * silently ignored.
 * @throws ConfigError naming the path and the known keys.
 */
export function objectAt(value: Raw, path: string, known: readonly string[]): Record<string, Raw> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${path}: expected an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ConfigError(`${path}.${key}: unknown setting (known: ${known.join(', ')})`);
  }
  return value as Record<string, Raw>;
}

/** A finite number in [min, max] (an integer with `integer`). @throws ConfigError otherwise. */
export function numberAt(value: Raw, path: string, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`${path}: expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${describe(value)}`);
  }
  return value;
}

/** A non-empty string. @throws ConfigError otherwise. */
export function stringAt(value: Raw, path: string): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(`${path}: expected a non-empty string, got ${describe(value)}`);
  return value;
}

/** A boolean. @throws ConfigError otherwise. */
export function booleanAt(value: Raw, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${path}: expected true or false, got ${describe(value)}`);
  return value;
}

/** One of `choices`. @throws ConfigError otherwise. */
export function choiceAt<C extends string>(value: Raw, path: string, choices: readonly C[]): C {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`${path}: expected one of ${choices.join(', ')}, got ${describe(value)}`);
  }
  return value as C;
}

/** A short description of a value for an error message. */
function describe(value: Raw): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * `base` with `overrides` merged in, depth first (objects merge key by key; anything else
 * replaces). Neither input is changed.
 */
export function mergeConfig(base: Raw, overrides: Raw): Raw {
  const isObject = (v: Raw): v is Record<string, Raw> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(overrides)) return overrides;
  const out: Record<string, Raw> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    // assigning `__proto__` would replace the prototype, not add a setting
    if (k === '__proto__') throw new ConfigError('__proto__: not a setting');
    out[k] = Object.hasOwn(base, k) ? mergeConfig(base[k], v) : v;
  }
  return out;
}

/**
 * Parses `a.b.c=value` into `{ a: { b: { c: value } } }`; the value is read as JSON when it is
 * valid JSON (`3`, `true`, `null`, `"x"`, `{…}`), else taken as a string (`rec.aedat4`).
 * @throws ConfigError without `=` or with an empty key.
 */
export function parseAssignment(text: string): Record<string, Raw> {
  const at = text.indexOf('=');
  const keys = at < 0 ? [] : text.slice(0, at).split('.');
  if (at < 0 || keys.some((k) => k === '')) throw new ConfigError(`--set expects KEY.PATH=VALUE, e.g. windows.windowUs=20000; got "${text}"`);
  const raw = text.slice(at + 1);
  let value: Raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  let nested: Raw = value;
  for (let i = keys.length - 1; i >= 0; i--) nested = { [keys[i]!]: nested };
  return nested as Record<string, Raw>;
}
