import type { SensorSize } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import type { SimShape } from './SimShape.js';

/** 3×5 pixel font, rows top to bottom. */
const FONT: readonly string[] = [
  '111101101101111', '010110010010111', '111001111100111', '111001111001111', '101101111001001',
  '111100111001111', '111100111101111', '111001010010010', '111101111101111', '111101111001111',
];

/** A shape's pixels: row-major 0/1 of `width` × `height`. */
export interface ShapeMask {
  readonly width: number;
  readonly height: number;
  readonly on: Uint8Array;
}

/**
 * Rasterises a {@link SimShape} once (the camera moves the mask, it never redraws it).
 * @throws ConfigError on a size that is not an integer >= 1 or a digit outside 0–9.
 * @example
 * shapeMask({ kind: 'digit', digit: 3, scale: 2, xPx: 0, yPx: 0, vxPxPerS: 10, vyPxPerS: 0 }, { width: 34, height: 34 })
 */
export function shapeMask(s: SimShape, sensor: SensorSize): ShapeMask {
  const positive = (v: number, name: string): number => {
    if (!(Number.isInteger(v) && v >= 1)) throw new ConfigError(`simulatedCamera: ${s.kind}.${name} must be an integer >= 1, got ${v}`);
    return v;
  };
  switch (s.kind) {
    case 'bar': {
      const k = positive(s.thicknessPx, 'thicknessPx');
      return s.orientation === 'vertical' ? solid(k, sensor.height) : solid(sensor.width, k);
    }
    case 'square': return solid(positive(s.sizePx, 'sizePx'), s.sizePx);
    case 'digit': {
      const glyph = FONT[s.digit];
      if (glyph === undefined || !Number.isInteger(s.digit)) throw new ConfigError(`simulatedCamera: digit must be 0-9, got ${s.digit}`);
      return scaled(glyph, positive(s.scale, 'scale'));
    }
  }
}

function solid(width: number, height: number): ShapeMask {
  return { width, height, on: new Uint8Array(width * height).fill(1) };
}

function scaled(glyph: string, k: number): ShapeMask {
  const width = 3 * k;
  const height = 5 * k;
  const on = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) on[y * width + x] = glyph[Math.floor(y / k) * 3 + Math.floor(x / k)] === '1' ? 1 : 0;
  }
  return { width, height, on };
}
