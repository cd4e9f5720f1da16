import type { AuditReport } from '../robust/index.js';
import { ReportError } from './ReportError.js';

/** Walks plain data and names the first value plain JSON would lose or distort. */
function firstBadValue(v: unknown, path: string): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${path} = ${v}`;
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = firstBadValue(v[i], `${path}[${i}]`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const bad = firstBadValue(x, `${path}.${k}`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return `${path} is ${v === undefined ? 'undefined' : `a ${typeof v === 'object' ? (v as object).constructor.name : typeof v}`}`;
}

/**
 * The audit report as plain JSON text (`{"schema":"spikeguard-audit","version":1,…}`), readable by
 * any JSON parser (Python's `json` included): only finite numbers, strings, booleans, null,
 * arrays and plain objects.
 * @throws ReportError naming the first value that is NaN, infinite, undefined or not plain data.
 * @example writeFileSync('audit.json', auditJson(report));
 */
export function auditJson(report: AuditReport): string {
  const bad = firstBadValue(report, 'report');
  if (bad !== undefined) throw new ReportError(`audit report: ${bad} cannot be written as plain JSON`);
  return `${JSON.stringify(report, null, 1)}\n`;
}
