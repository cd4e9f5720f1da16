import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { ConfigError } from '../../errors.js';
import type { SnnModel } from '../../snn/index.js';
import { type EventAttackOptions, type EventAttackResult, attackResult, checkAttackOptions, judge } from './EventAttack.js';
import { eventGrid } from './EventGrid.js';
import { EventEdits } from './eventEdits.js';

/** Options of {@link randomEventAttack}. */
export interface RandomEventAttackOptions extends EventAttackOptions {
  /** Share of edits that are deletions, in [0, 1] (default 0.5); injections when none is left. */
  readonly deleteShare?: number;
}

/** Random cells tried for one injection before giving up (sparse recordings accept nearly any). */
const INJECT_TRIES = 64;

function injectRandom(edits: EventEdits, rng: Rng): boolean {
  for (let i = 0; i < INJECT_TRIES; i++) {
    const c = Math.floor(rng.next() * edits.grid.cells);
    if (edits.canInject(c)) {
      edits.apply(c, 1);
      return true;
    }
  }
  return false;
}

/**
 * Deletes one event from a random cell of `open` (cells that could lose one), dropping cells that
 * no longer can (emptied, or given injections since). False when none is left.
 */
function deleteRandom(edits: EventEdits, open: number[], rng: Rng): boolean {
  while (open.length > 0) {
    const i = Math.floor(rng.next() * open.length);
    const c = open[i]!;
    if (edits.canDelete(c)) {
      edits.apply(c, -1);
      return true;
    }
    open[i] = open[open.length - 1]!;
    open.pop();
  }
  return false;
}

/**
 * The random baseline of {@link gradientEventAttack} at the same budget: `budget` edits, each a
 * deletion (share `deleteShare`, from a random cell holding a deletable event) or an injection
 * (a random cell), every edit changing the tensor; then one forward pass judges the result.
 * Fewer edits are made only when no cell can take one. The model is never changed.
 * @throws ConfigError for a bad budget, label, share or binning.
 * @example const r = randomEventAttack(model, events, { label: 3, budget: 200, binning, forward: {}, rng: seededRng(1) });
 */
export function randomEventAttack(model: SnnModel, events: EventBatch, o: RandomEventAttackOptions): EventAttackResult {
  checkAttackOptions(model, o);
  const share = o.deleteShare ?? 0.5;
  if (!(share >= 0 && share <= 1)) throw new ConfigError(`random event attack: deleteShare must be in [0, 1], got ${share}`);
  const edits = new EventEdits(eventGrid(events, o.binning));
  const clean = judge(model, edits, o);
  if (clean.fooled) return attackResult(edits, o, { cleanCorrect: false, fooled: true, queries: 1 });
  const open: number[] = [];
  for (let c = 0; c < edits.grid.cells; c++) if (edits.canDelete(c)) open.push(c);
  while (edits.l0 < o.budget) {
    if (!(o.rng.next() < share && deleteRandom(edits, open, o.rng)) && !injectRandom(edits, o.rng)) break;
  }
  return attackResult(edits, o, { cleanCorrect: true, fooled: judge(model, edits, o).fooled, queries: 2 });
}
