import type { EventBatch } from '../../events/EventBatch.js';

/** Counts of events that arrived out of order, late or twice (see {@link countDisorder}). */
export interface DisorderCounts {
  /** Events whose time is below the previous event's. */
  outOfOrder: number;
  /** Events more than `lateAfterUs` behind the newest time seen so far. */
  late: number;
  /** Events equal in t, x, y and p to the event just before them. */
  duplicate: number;
}

/** What {@link countDisorder} remembers between batches. */
export interface DisorderState {
  maxUs: number;
  lastT: number;
  lastX: number;
  lastY: number;
  lastP: number;
}

/** The state before the first batch. */
export function initialDisorderState(): DisorderState {
  return { maxUs: -Infinity, lastT: NaN, lastX: -1, lastY: -1, lastP: -1 };
}

/**
 * Adds the out-of-order, late and duplicate events of `b` to `counts` (an event may count in
 * several kinds), carrying `state` across batches. Pure apart from the two objects it updates;
 * no allocation.
 * @example
 * const s = initialDisorderState(), c = { outOfOrder: 0, late: 0, duplicate: 0 };
 * for (const b of batches) countDisorder(b, s, c, 1000);
 */
export function countDisorder(b: EventBatch, state: DisorderState, counts: DisorderCounts, lateAfterUs: number): void {
  const { t, x, y, p } = b;
  let { maxUs, lastT, lastX, lastY, lastP } = state;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    const xi = x[i]!;
    const yi = y[i]!;
    const pi = p[i]!;
    if (ti < lastT) counts.outOfOrder++;
    if (ti < maxUs - lateAfterUs) counts.late++;
    if (ti === lastT && xi === lastX && yi === lastY && pi === lastP) counts.duplicate++;
    if (ti > maxUs) maxUs = ti;
    lastT = ti; lastX = xi; lastY = yi; lastP = pi;
  }
  Object.assign(state, { maxUs, lastT, lastX, lastY, lastP });
}
