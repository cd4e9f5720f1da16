import type { AuditMessage, AuditValue } from './WireMessage.js';
import { type FieldReader, describeValue, isPlainMap } from './FieldReader.js';
import { MAX_AUDIT_DEPTH } from './wireFormat.js';

/** The msgpack map of an audit record: `record` is a map of JSON-like values. */
export function encodeAudit(m: AuditMessage): Record<string, unknown> {
  return { kind: 'audit', record: m.record };
}

/**
 * Reads an audit record: a map whose values are nil, booleans, finite numbers, strings, arrays
 * and maps of these, nested at most {@link MAX_AUDIT_DEPTH} deep.
 */
export function decodeAudit(f: FieldReader): AuditMessage {
  const record = f.raw('record');
  const fault = isPlainMap(record) ? auditFault(record, 'record', 0) : { path: 'record', got: describeValue(record) };
  if (fault) f.fail(fault.path, 'a map of JSON-like values', fault.got);
  return { kind: 'audit', record: record as AuditMessage['record'] };
}

/** The first value that is not an {@link AuditValue}, with its path; undefined when all are. */
function auditFault(v: unknown, path: string, depth: number): { path: string; got: string } | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { path, got: describeValue(v) };
  const nested = Array.isArray(v) || isPlainMap(v);
  if (!nested) return { path, got: describeValue(v) };
  if (depth >= MAX_AUDIT_DEPTH) return { path, got: `nesting deeper than ${MAX_AUDIT_DEPTH}` };
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((e, i) => [`[${i}]`, e]) : Object.entries(v).map(([k, e]) => [`.${k}`, e]);
  for (const [key, e] of entries) {
    const fault = auditFault(e, path + key, depth + 1);
    if (fault) return fault;
  }
  return undefined;
}
