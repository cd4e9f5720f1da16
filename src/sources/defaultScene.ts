import type { SensorSize } from '../events/EventBatch.js';
import type { SimShape } from './SimShape.js';

/**
 * The scene {@link simulatedCamera} shows when none is given, scaled to the sensor: a vertical
 * bar sweeping right (crossing in 2 s), a square drifting diagonally and a digit 3 moving left.
 *
 * @example
 * simulatedCamera({ width: 64, height: 48, durationUs: 1e6, shapes: [...defaultScene({ width: 64, height: 48 })] })
 */
export function defaultScene({ width: W, height: H }: SensorSize): SimShape[] {
  const u = Math.max(1, Math.floor(Math.min(W, H) / 8));
  return [
    { kind: 'bar', orientation: 'vertical', thicknessPx: Math.max(1, Math.floor(W / 16)), xPx: 0, yPx: 0, vxPxPerS: W / 2, vyPxPerS: 0, brightness: 2 },
    { kind: 'square', sizePx: 2 * u, xPx: Math.floor(W / 4), yPx: Math.floor(H / 4), vxPxPerS: W / 3, vyPxPerS: H / 5, brightness: 4 },
    { kind: 'digit', digit: 3, scale: Math.max(1, Math.floor(u / 2)), xPx: Math.floor(W / 2), yPx: Math.floor(H / 3), vxPxPerS: -W / 4, vyPxPerS: H / 7, brightness: 0.25 },
  ];
}
