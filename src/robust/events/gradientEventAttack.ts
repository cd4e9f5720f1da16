import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import type { SnnModel } from '../../snn/index.js';
import { type EventAttackOptions, type EventAttackResult, attackResult, checkAttackOptions, judge } from './EventAttack.js';
import { eventGrid } from './EventGrid.js';
import { candidateBatch, topCandidates } from './eventCandidates.js';
import { EventEdits } from './eventEdits.js';
import { inputGradient, lossesOf } from './eventLoss.js';

/** Options of {@link gradientEventAttack}. */
export interface GradientEventAttackOptions extends EventAttackOptions {
  /** Candidate edits tried per round (default 16). */
  readonly perRound?: number;
  /** Rounds in a row that may keep nothing before giving up (default 8). */
  readonly maxStalls?: number;
}

/** Signed picks that raise the loss alone, else all of them if they raise it together, else none. */
function raising(model: SnnModel, edits: EventEdits, picks: number[], loss: number, o: EventAttackOptions): number[] {
  const g = edits.grid;
  const { losses } = lossesOf(model, candidateBatch(edits, picks), picks.length + 1, g, o.label, o.forward);
  const alone = picks.filter((_, i) => losses[i]! > loss);
  return alone.length > 0 ? alone : losses[picks.length]! > loss ? picks : [];
}

/** Undoes, newest first, every edit the model stays fooled without. Returns forward passes used. */
function prune(model: SnnModel, edits: EventEdits, o: EventAttackOptions): number {
  let queries = 0;
  for (let i = edits.l0 - 1; i >= 0; i--) {
    const e = edits.edits[i]!;
    edits.undo(i);
    queries++;
    if (!judge(model, edits, o).fooled) edits.apply(Math.abs(e) - 1, e > 0 ? 1 : -1);
  }
  return queries;
}

/**
 * Gradient-guided event injection and deletion against one recording. Each round takes the
 * input gradient (under `o.forward`), picks the `perRound` cells whose gradient sign agrees with
 * an edit (inject where ∂loss/∂x > 0, delete where < 0 at a cell holding events), keeps the picks
 * that raise the cross-entropy alone (or all of them if only together), and repeats until the
 * prediction leaves `label`, the budget is spent, or `maxStalls` rounds keep nothing (their
 * cells are not tried again). Once fooled, edits not needed to stay fooled are undone.
 * The model is run from zero membranes, in inference mode, and never changed.
 * @throws ConfigError for a bad budget, label, `perRound`, `maxStalls` or binning (see `eventGrid`).
 * @example
 * const r = gradientEventAttack(model, events, { label: 3, budget: 200, binning, forward: { surrogate: atan(2) }, rng: seededRng(0) });
 */
export function gradientEventAttack(model: SnnModel, events: EventBatch, o: GradientEventAttackOptions): EventAttackResult {
  checkAttackOptions(model, o);
  const perRound = o.perRound ?? 16;
  const maxStalls = o.maxStalls ?? 8;
  if (!(Number.isInteger(perRound) && perRound >= 1)) throw new ConfigError(`event attack: perRound must be an integer >= 1, got ${perRound}`);
  if (!(Number.isInteger(maxStalls) && maxStalls >= 0)) throw new ConfigError(`event attack: maxStalls must be an integer >= 0, got ${maxStalls}`);
  const edits = new EventEdits(eventGrid(events, o.binning));
  const g = edits.grid;
  const tabu = new Uint8Array(g.cells);
  let { loss, fooled } = judge(model, edits, o);
  const cleanCorrect = !fooled;
  let queries = 1;
  for (let stalls = 0; !fooled && edits.l0 < o.budget && stalls < maxStalls;) {
    const grad = inputGradient(model, edits.frames(), g, o.label, o.forward);
    const picks = topCandidates(edits, grad, tabu, Math.min(perRound, o.budget - edits.l0));
    if (picks.length === 0) break;
    const kept = raising(model, edits, picks, loss, o);
    queries += 2 + picks.length;
    if (kept.length === 0) {
      picks.forEach((e) => { tabu[Math.abs(e) - 1] = 1; });
      stalls++;
      continue;
    }
    stalls = 0;
    kept.forEach((e) => edits.apply(Math.abs(e) - 1, e > 0 ? 1 : -1));
    ({ loss, fooled } = judge(model, edits, o));
    queries++;
  }
  if (fooled && cleanCorrect) queries += prune(model, edits, o);
  return attackResult(edits, o, { cleanCorrect, fooled, queries });
}
