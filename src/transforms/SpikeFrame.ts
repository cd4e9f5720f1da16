/**
 * A spike tensor for one window, made by {@link toFrames}: `data` is row-major float32 of
 * `shape` = `[T, H, W, C]` (NHWC; frames: C = 2 with channel 0 = OFF, 1 = ON; signed voxel
 * grids: C = 1). The consumer owns `data`.
 */
export interface SpikeFrame {
  /** The window's index (see `EventWindow`). */
  readonly index: number;
  /** Window start in µs. */
  readonly startUs: number;
  /** Window end in µs. */
  readonly endUs: number;
  /** `[T, H, W, C]`. */
  readonly shape: readonly [number, number, number, number];
  readonly data: Float32Array;
  /** Windows this frame stands for (> 1 only for a collapsed run of empty windows: all zeros). */
  readonly windows: number;
  /** Events of the window off the sensor: counted, not binned. */
  readonly outside: number;
  /** The window's `late` count (out-of-order events, see `EventWindow`). */
  readonly late: number;
  /** The window's `dropped` count. */
  readonly dropped: number;
}
