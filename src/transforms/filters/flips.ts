import { type OperatorFunction, map } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { type Orientation, orient } from '../../events/orientation.js';

/** Left-right flip, tonic's `RandomFlipLR` when applied: `x' = width − 1 − x`. Nothing removed. */
export const flipLR = (b: EventBatch): EventBatch => orient(b, { flipX: true });

/** Up-down flip, tonic's `RandomFlipUD` when applied: `y' = height − 1 − y`. Nothing removed. */
export const flipUD = (b: EventBatch): EventBatch => orient(b, { flipY: true });

/** Polarity flip, tonic's `RandomFlipPolarity` when applied: `p' = 1 − p`. Nothing removed. */
export const flipPolarity = (b: EventBatch): EventBatch => orient(b, { invertPolarity: true });

/**
 * Any combination of the flips as an operator ({@link orient} on each batch; coordinates must be
 * on the sensor, as decoders guarantee: an x >= width would wrap).
 *
 * @example
 * batches$.pipe(flipFilter({ flipX: true, invertPolarity: true }))
 */
export function flipFilter(o: Orientation): OperatorFunction<EventBatch, EventBatch> {
  return map((b: EventBatch) => orient(b, o));
}
