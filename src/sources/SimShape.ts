/**
 * A shape moving over the simulated sensor at constant velocity, wrapping around the edges
 * (it leaves on one side and comes back on the other). Positions are the top-left corner in
 * pixels at t = 0; velocities in pixels per second; `brightness` is the relative intensity of
 * the shape on a background of intensity `background` (see {@link simulatedCamera}; default 1).
 * Later shapes are drawn over earlier ones.
 *
 * - `bar`: a full-height (vertical) or full-width (horizontal) bar `thicknessPx` thick.
 * - `square`: `sizePx` × `sizePx`.
 * - `digit`: a 3×5 pixel-font digit scaled by `scale` (3·scale × 5·scale pixels).
 */
export type SimShape = SimMotion &
  (
    | { readonly kind: 'bar'; readonly orientation: 'vertical' | 'horizontal'; readonly thicknessPx: number }
    | { readonly kind: 'square'; readonly sizePx: number }
    | { readonly kind: 'digit'; readonly digit: number; readonly scale: number }
  );

/** Where a {@link SimShape} starts and how it moves. */
export interface SimMotion {
  readonly xPx: number;
  readonly yPx: number;
  readonly vxPxPerS: number;
  readonly vyPxPerS: number;
  readonly brightness?: number;
}
