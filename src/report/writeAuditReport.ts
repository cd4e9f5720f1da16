import { checkOutputs, type AuditReport } from '../robust/index.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { auditJson } from './auditJson.js';
import { auditHtml } from './html/auditHtml.js';

/**
 * Writes the JSON report and/or the HTML page, each atomically (temporary file + rename).
 * @throws ConfigError when an output would overwrite one of `inputs` (also through links);
 *   ReportError for a value plain JSON cannot hold; the file system's errors.
 */
export async function writeAuditReport(report: AuditReport, out: { readonly json?: string; readonly html?: string }, inputs: readonly string[]): Promise<void> {
  const paths = [out.json, out.html].filter((p): p is string => p !== undefined);
  checkOutputs(paths, inputs);
  const json = auditJson(report); // validated before anything is written
  if (out.json !== undefined) await writeFileAtomic(out.json, json);
  if (out.html !== undefined) await writeFileAtomic(out.html, auditHtml(report));
}
