import type { InferenceOutput, InferenceSummary } from '../../pipelines/index.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const seconds = (us: number): string => (us / 1e6).toFixed(2);

/** One output as a human-readable line (class names when given). */
export function outputLine(o: InferenceOutput, classes?: readonly string[]): string {
  const name = (c: number): string => classes?.[c] ?? String(c);
  if ('monitor' in o) {
    const m = o.monitor;
    const eps = m.epsHigh === null ? `no flip up to ε ${m.epsLow === 0 ? m.status : m.epsLow.toFixed(3)}` : `flips at ε ${m.epsLow.toFixed(3)}–${m.epsHigh.toFixed(3)}`;
    const random = m.randomFlipRate === null ? '' : `, random noise flips ${pct(m.randomFlipRate)}`;
    return `  monitor  window ${m.window} (${seconds(m.startUs)} s): ${m.status}, ${eps}${random} [${m.elapsedMs.toFixed(0)} ms]`;
  }
  const p = o.prediction;
  const truth = p.truth === null ? '' : `  true ${name(p.truth)} ${p.truth === p.label ? 'ok' : 'WRONG'}`;
  return `${seconds(p.startUs)}–${seconds(p.endUs)} s  predicted ${name(p.label)} (${pct(p.scores[p.label]!)})${truth}`;
}

/** One output as a JSON line (scores to 6 decimals). */
export function outputJson(o: InferenceOutput): string {
  if ('monitor' in o) return JSON.stringify(o);
  return JSON.stringify({ prediction: { ...o.prediction, scores: o.prediction.scores.map((s) => +s.toFixed(6)) } });
}

/** The summary in a few lines: accuracy, latency, monitor, drops. */
export function summaryLines(s: InferenceSummary): string {
  const c = s.counters;
  const counts = (r: Record<string, number>): string => {
    const e = Object.entries(r).filter(([, v]) => v > 0);
    return e.length === 0 ? 'none' : e.map(([k, v]) => `${k} ${v}`).join(', ');
  };
  return [
    `summary: ${s.windows} windows, ${c.eventsIn} events` + (s.accuracy === null ? '' : `; accuracy ${pct(s.accuracy)} (${Math.round(s.accuracy * s.labelled)}/${s.labelled} labelled windows)`),
    `latency (events in to prediction): median ${s.latencyMs.median.toFixed(1)} ms, p95 ${s.latencyMs.p95.toFixed(1)} ms, max ${s.latencyMs.max.toFixed(1)} ms`,
    `monitor: ${s.monitorRecords} records, ${c.monitorSkipped} sampled windows skipped while busy`,
    `dropped at the source: ${counts(c.source)}; removed by filters: ${counts(c.filtered)}`,
    ...(s.inputError === null ? [] : [`input ended early: ${s.inputError}`]),
    ...(s.inputWarning === null ? [] : [`warning: ${s.inputWarning} (a truncated tail; every whole event before it was classified)`]),
  ].join('\n');
}
