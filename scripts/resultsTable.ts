/**
 * `npm run results [-- --check]`: rebuilds the README's results (between `<!-- results:begin -->`
 * and `<!-- results:end -->`) from the audit JSONs of the shipped models in fixtures/models
 * (`<method>.audit.json`, `<method>.pgd10.audit.json`, `<method>.wide.audit.json` and
 * `<method>.events.json`; see scripts/models/audit.sh). `--check`: exit 1 if the README differs from what it would write.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAuditView } from '../src/report/results/auditView.js';
import { readEventView } from '../src/report/results/eventView.js';
import { resultsMarkdown, type MethodAudits } from '../src/report/results/resultsTable.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MODELS = join(ROOT, 'fixtures', 'models');
const README = join(ROOT, 'README.md');
const BEGIN = '<!-- results:begin -->';
const END = '<!-- results:end -->';
const METHODS = ['vanilla', 'at', 'sr', 'sr+at'];

/** The audits of every shipped method (methods without a main audit are left out). */
export function shippedAudits(dir = MODELS): MethodAudits[] {
  const read = (file: string) => (existsSync(join(dir, file)) ? readAuditView(readFileSync(join(dir, file), 'utf8'), file) : undefined);
  return METHODS.flatMap((method) => {
    const main = read(`${method}.audit.json`);
    if (main === undefined) return [];
    const pgd10 = read(`${method}.pgd10.audit.json`);
    const wide = read(`${method}.wide.audit.json`);
    const eventsFile = join(dir, `${method}.events.json`);
    const events = existsSync(eventsFile) ? readEventView(readFileSync(eventsFile, 'utf8'), `${method}.events.json`) : undefined;
    return [{ method, main, ...(pgd10 === undefined ? {} : { pgd10 }), ...(wide === undefined ? {} : { wide }), ...(events === undefined ? {} : { events }) }];
  });
}

/** The README with its results part replaced by `body`. */
export function withResults(readme: string, body: string): string {
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${BEGIN} … ${END} markers`);
  return `${readme.slice(0, from + BEGIN.length)}\n${body}${readme.slice(to)}`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const audits = shippedAudits();
  if (audits.length === 0) throw new Error(`no audit JSONs in ${MODELS}`);
  const readme = readFileSync(README, 'utf8');
  const next = withResults(readme, resultsMarkdown(audits));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('README.md results differ from the audits: run npm run results\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(README, next);
    process.stdout.write(`README.md results rebuilt from ${audits.length} methods' audits\n`);
  }
}
