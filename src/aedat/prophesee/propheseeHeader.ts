import type { SensorSize } from '../../events/EventBatch.js';
import { cameraGeometry } from './cameraGeometry.js';

/** Body encodings of Prophesee files. */
export type PropheseeEncoding = 'evt2' | 'evt3' | 'dat';

/** Something in the header that makes it undecodable: what was expected and what was found. */
interface HeaderProblem {
  readonly expected: string;
  readonly got: string;
}

/** What a `% ` header says, parsed once the header has ended. */
export interface PropheseeHeaderInfo {
  /** Keyword → value, keywords as written (`Date`, `evt`, ...); repeated keywords joined by `\n`. */
  readonly metadata: Record<string, string>;
  /** Encoding named by `% format`, `% evt` or the DAT lines; null when the header says nothing. */
  readonly encoding: PropheseeEncoding | null;
  /** Set when the header names an encoding this decoder does not read (e.g. `% evt 2.1`). */
  readonly unsupported: HeaderProblem | null;
  /** Size stated by the file (`% geometry`, `% format ...;width=;height=`, `% Width`/`% Height`). */
  readonly geometry: SensorSize | null;
  /** Set when a size line is present but malformed. */
  readonly badGeometry: HeaderProblem | null;
  /** Size implied by the camera model (see cameraGeometry.ts), or null. */
  readonly camera: SensorSize | null;
}

/** Largest accepted width/height (x and y are stored as Uint16). */
const MAX_SIDE = 65536;
/** Header text quoted in errors is clipped to this many characters. */
const QUOTE_CHARS = 80;

/** Header text for an error message, clipped. */
function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);
}

/**
 * Parses `% keyword value` lines (keywords matched case-insensitively). Precedence for the
 * encoding: `% format NAME;…` over `% evt x.y` over the DAT markers (`% Data file containing …`,
 * `% Version N`). Precedence for the size: `% geometry` over `% format` options over
 * `% Width`/`% Height`.
 */
export function parsePropheseeHeader(lines: readonly string[]): PropheseeHeaderInfo {
  const metadata: Record<string, string> = {};
  const lower = new Map<string, string>();
  for (const line of lines) {
    const rest = line.slice(2).trim();
    const sp = rest.indexOf(' ');
    const key = sp < 0 ? rest : rest.slice(0, sp);
    const value = sp < 0 ? '' : rest.slice(sp + 1).trim();
    if (key === '' || key.toLowerCase() === 'end') continue;
    metadata[key] = key in metadata ? `${metadata[key]}\n${value}` : value;
    if (!lower.has(key.toLowerCase())) lower.set(key.toLowerCase(), value);
  }
  const get = (k: string): string | undefined => lower.get(k);
  const { encoding, unsupported } = decideEncoding(get);
  const { geometry, badGeometry } = explicitGeometry(get);
  return { metadata, encoding, unsupported, geometry, badGeometry, camera: cameraGeometry(get) };
}

type Get = (key: string) => string | undefined;

function decideEncoding(get: Get): { encoding: PropheseeEncoding | null; unsupported: HeaderProblem | null } {
  const expected = 'EVT 2.0, EVT 3.0 or DAT';
  const format = get('format');
  if (format !== undefined) {
    const name = (format.split(';')[0] ?? '').trim().toUpperCase();
    if (name === 'EVT2' || name === 'EVT2.0') return { encoding: 'evt2', unsupported: null };
    if (name === 'EVT3' || name === 'EVT3.0') return { encoding: 'evt3', unsupported: null };
    return { encoding: null, unsupported: { expected, got: `unsupported format ${quote(format)}` } };
  }
  const evt = get('evt');
  if (evt !== undefined) {
    if (evt === '2.0' || evt === '2') return { encoding: 'evt2', unsupported: null };
    if (evt === '3.0' || evt === '3') return { encoding: 'evt3', unsupported: null };
    return { encoding: null, unsupported: { expected, got: `unsupported evt ${quote(evt)}` } };
  }
  const data = get('data');
  if ((data !== undefined && /^file containing/i.test(data)) || get('version') !== undefined) {
    return { encoding: 'dat', unsupported: null };
  }
  return { encoding: null, unsupported: null };
}

function explicitGeometry(get: Get): { geometry: SensorSize | null; badGeometry: HeaderProblem | null } {
  const geo = get('geometry');
  if (geo !== undefined) return checked(/^(\d+)x(\d+)$/i.exec(geo.trim()) ?? [], `geometry ${quote(geo)}`);
  const format = get('format');
  const opts = new Map<string, string>();
  for (const kv of (format ?? '').split(';').slice(1)) {
    const eq = kv.indexOf('=');
    if (eq > 0) opts.set(kv.slice(0, eq).trim().toLowerCase(), kv.slice(eq + 1).trim());
  }
  if (opts.has('width') || opts.has('height')) {
    return checked(['', opts.get('width'), opts.get('height')], `format ${quote(format ?? '')}`);
  }
  const w = get('width');
  const h = get('height');
  if (w === undefined && h === undefined) return { geometry: null, badGeometry: null };
  return checked(['', w?.trim(), h?.trim()], `width ${quote(w ?? '')}, height ${quote(h ?? '')}`);
}

function checked(
  m: readonly (string | undefined)[],
  got: string,
): { geometry: SensorSize | null; badGeometry: HeaderProblem | null } {
  const width = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : NaN;
  const height = /^\d+$/.test(m[2] ?? '') ? Number(m[2]) : NaN;
  const ok = width >= 1 && width <= MAX_SIDE && height >= 1 && height <= MAX_SIDE;
  return ok
    ? { geometry: { width, height }, badGeometry: null }
    : { geometry: null, badGeometry: { expected: `a sensor size WxH with sides 1..${MAX_SIDE}`, got } };
}
