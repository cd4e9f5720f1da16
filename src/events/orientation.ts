import type { EventBatch } from './EventBatch.js';

/**
 * Orientation conventions, applied explicitly: decoders report values as stored in the file.
 *
 * - `flipX`: x' = width - 1 - x (jAER's DVS128 and DAVIS extractors mirror x).
 * - `flipY`: y' = height - 1 - y (jAER and AEDAT 3.0 put the origin bottom-left; spikeguard's
 *   convention is top-left, as OpenCV, AEDAT 3.1/4.0 and Prophesee).
 * - `invertPolarity`: p' = 1 - p (jAER's DVS128 extractor reads raw polarity 0 as ON).
 */
export interface Orientation {
  readonly flipX?: boolean;
  readonly flipY?: boolean;
  readonly invertPolarity?: boolean;
}

/** jAER DAVIS (AEDAT 2.0) raw addresses to a top-left origin, as tonic's `read_davis_346`. */
export const JAER_DAVIS_TO_TOP_LEFT: Orientation = { flipX: true, flipY: true };

/** jAER DVS128 raw addresses to jAER's own view (x mirrored, raw polarity 0 = ON), origin bottom-left. */
export const JAER_DVS128: Orientation = { flipX: true, invertPolarity: true };

/** Applies an orientation, returning new arrays for the columns it changes. */
export function orient(b: EventBatch, o: Orientation): EventBatch {
  const n = b.t.length;
  let { x, y, p } = b;
  if (o.flipX) {
    x = new Uint16Array(n);
    for (let i = 0; i < n; i++) x[i] = b.width - 1 - b.x[i]!;
  }
  if (o.flipY) {
    y = new Uint16Array(n);
    for (let i = 0; i < n; i++) y[i] = b.height - 1 - b.y[i]!;
  }
  if (o.invertPolarity) {
    p = new Uint8Array(n);
    for (let i = 0; i < n; i++) p[i] = 1 - b.p[i]!;
  }
  return { x, y, t: b.t, p, width: b.width, height: b.height };
}
