import { ConfigError } from '../../errors.js';
import type { DatasetLayout } from './DatasetIndex.js';

/** How a dataset sample becomes frames `[n, H, W, 2]`. */
export interface FramePreset {
  /** `n` bins of equal time, or of equal event count, over the whole sample (inclusive edges). */
  readonly by: 'time' | 'count';
  readonly n: number;
  readonly values: 'count' | 'binary';
  /** Bilinear resize of the frames to `[height, width]` (none: the sensor's size). */
  readonly resize?: readonly [number, number];
  /** Sensor assumed when the dataset does not fix one (N-Caltech101: the ATIS, 304×240). */
  readonly sensor?: { readonly width: number; readonly height: number };
}

/**
 * Named presets. `cifar10dvs-paper` is the paper's CIFAR10-DVS preprocessing (Liu et al. 2024,
 * after SpikingJelly): 10 frames by equal event count, per-pixel counts, bilinear resize
 * 128×128 → 48×48. The others are common choices for each layout.
 */
export const FRAME_PRESETS = {
  'cifar10dvs-paper': { by: 'count', n: 10, values: 'count', resize: [48, 48] },
  nmnist: { by: 'time', n: 8, values: 'binary' },
  ncaltech101: { by: 'time', n: 10, values: 'count', sensor: { width: 304, height: 240 }, resize: [60, 76] },
  dvsgesture: { by: 'time', n: 16, values: 'count', resize: [64, 64] },
} as const satisfies Record<string, FramePreset>;
export type PresetName = keyof typeof FRAME_PRESETS;

/** The preset each layout uses unless another is named. */
export const DEFAULT_PRESET: Readonly<Record<DatasetLayout, PresetName>> = {
  nmnist: 'nmnist', ncaltech101: 'ncaltech101', cifar10dvs: 'cifar10dvs-paper', dvsgesture: 'dvsgesture',
};

/**
 * A preset by name.
 * @throws ConfigError for an unknown name.
 */
export function framePreset(name: string): FramePreset {
  if (!(name in FRAME_PRESETS)) throw new ConfigError(`unknown preset "${name}" (known: ${Object.keys(FRAME_PRESETS).join(', ')})`);
  return FRAME_PRESETS[name as PresetName];
}
