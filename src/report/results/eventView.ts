import { ReportError } from '../ReportError.js';

/** Success of an event attack at one budget: fooled among the correctly classified recordings. */
export interface EventSuccess {
  readonly cleanCorrect: number;
  readonly fooled: number;
}

/** The parts of a `spikeguard-event-attacks` JSON (scripts/models/eventAttacks.ts) the results table reads. */
export interface EventView {
  readonly samples: number;
  readonly budgets: readonly { readonly budget: number; readonly gradient: EventSuccess; readonly random: EventSuccess }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function success(v: unknown, where: string): EventSuccess {
  if (!isObject(v) || !count(v.cleanCorrect) || !count(v.fooled) || v.fooled > v.cleanCorrect) throw new ReportError(`${where}: expected {cleanCorrect, fooled} counts`);
  return { cleanCorrect: v.cleanCorrect, fooled: v.fooled };
}

/**
 * Reads an event-budget attack report's JSON text.
 * @throws ReportError naming the file and the field for anything else.
 */
export function readEventView(text: string, file: string): EventView {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${file}: not JSON (${(err as Error).message})`);
  }
  if (!isObject(o) || o.schema !== 'spikeguard-event-attacks' || o.version !== 1) throw new ReportError(`${file}: not a spikeguard-event-attacks v1 report`);
  if (!isObject(o.data) || !count(o.data.samples)) throw new ReportError(`${file}: data.samples missing`);
  if (!Array.isArray(o.budgets)) throw new ReportError(`${file}: budgets missing`);
  return {
    samples: o.data.samples,
    budgets: o.budgets.map((b: unknown, i) => {
      const where = `${file} budgets[${i}]`;
      if (!isObject(b) || !count(b.budget)) throw new ReportError(`${where}: budget missing`);
      return { budget: b.budget, gradient: success(b.gradient, `${where}.gradient`), random: success(b.random, `${where}.random`) };
    }),
  };
}
