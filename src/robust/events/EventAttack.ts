import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { ConfigError } from '../../errors.js';
import type { ForwardOptions, SnnModel } from '../../snn/index.js';
import type { EventBinning } from './EventGrid.js';
import type { EventEdits } from './eventEdits.js';
import { editedEvents } from './editedEvents.js';
import { type FrameShape, lossesOf } from './eventLoss.js';

/** Options shared by the event-level attacks (budget in events, not in tensor units). */
export interface EventAttackOptions {
  /** True class of the recording. */
  readonly label: number;
  /** Most events changed (injected + deleted): the L0 budget, an integer >= 0. */
  readonly budget: number;
  /** The binning that turns the recording into the model's input. */
  readonly binning: EventBinning;
  /**
   * How gradients pass through spikes (a `GradientSetting`'s `forward`: a surrogate or
   * `{ gradient: 'rate' }`); `training` is always forced false.
   */
  readonly forward: ForwardOptions;
  /** Seeded randomness: injected timestamps (and the random attack's choices). */
  readonly rng: Rng;
}

/** Outcome of an event-level attack on one recording. */
export interface EventAttackResult {
  /** The attacked recording, sorted by time (new arrays). */
  readonly events: EventBatch;
  /** Its tensor `[T, H, W, 2]` (what `binSample` of `events` gives), owned by the caller. */
  readonly frames: Float32Array;
  /** The model predicted `label` on the clean recording (otherwise nothing was changed). */
  readonly cleanCorrect: boolean;
  /** The prediction on `events` is not `label`. */
  readonly fooled: boolean;
  readonly injected: number;
  readonly deleted: number;
  /** Events changed: `injected + deleted` (≤ budget). */
  readonly l0: number;
  /** Samples run through the model (forward passes; a gradient counts one). */
  readonly queries: number;
}

/** @throws ConfigError unless the budget is an integer >= 0 and the label one of the model's classes. */
export function checkAttackOptions(model: SnnModel, o: EventAttackOptions): void {
  if (!(Number.isInteger(o.budget) && o.budget >= 0)) throw new ConfigError(`event attack: budget must be an integer >= 0, got ${o.budget}`);
  const k = model.spec.classes;
  if (!(Number.isInteger(o.label) && o.label >= 0 && o.label < k)) throw new ConfigError(`event attack: label must be an integer in 0..${k - 1}, got ${o.label}`);
}

/** The model's loss and whether it is fooled on the current edits (one forward pass). */
export function judge(model: SnnModel, edits: EventEdits, o: EventAttackOptions): { loss: number; fooled: boolean } {
  const g = edits.grid;
  const shape: FrameShape = { T: g.T, H: g.H, W: g.W };
  const { losses, predicted } = lossesOf(model, edits.frames(), 1, shape, o.label, o.forward);
  return { loss: losses[0]!, fooled: predicted[0] !== o.label };
}

/** Builds the result: materialises the edited events with `o.rng`. */
export function attackResult(edits: EventEdits, o: EventAttackOptions, r: { cleanCorrect: boolean; fooled: boolean; queries: number }): EventAttackResult {
  const { injected, deleted } = edits.totals();
  return { events: editedEvents(edits, o.rng), frames: edits.frames(), ...r, injected, deleted, l0: injected + deleted };
}
