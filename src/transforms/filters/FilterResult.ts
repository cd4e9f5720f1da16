import type { EventBatch } from '../../events/EventBatch.js';

/**
 * What a filter or augmentation kernel made of one batch. Every event of the input is accounted
 * for: `events.length = input − removed − outside + added` (clipped events are still in `events`).
 */
export interface FilterResult {
  /** The output batch (the input itself when nothing changed, else new arrays). */
  readonly events: EventBatch;
  /** Events the kernel's rule removed (refractory, isolated, hot pixel, outside the crop, …). */
  readonly removed: number;
  /** Events removed because they lie outside the kernel's sensor (`x >= width` or `y >= height`). */
  readonly outside?: number;
  /** Events the kernel added (uniform noise). */
  readonly added?: number;
  /** Events moved back onto the sensor (spatial jitter with `outside: 'clip'`). */
  readonly clipped?: number;
}
