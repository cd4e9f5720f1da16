import { ConfigError } from '../errors.js';
import { type OperatorFunction, bufferCount, map } from 'rxjs';
import type { SpikeFrame } from './SpikeFrame.js';

/** `B` consecutive spike frames stacked as `[T, B, H, W, C]`, made by {@link batchFrames}. */
export interface FrameBatch {
  /** `[T, B, H, W, C]`; `B` is smaller than asked for the last batch of a stream. */
  readonly shape: readonly [number, number, number, number, number];
  /** Row-major float32, owned by the consumer. */
  readonly data: Float32Array;
  /** The frames' window indices, in order. */
  readonly indices: readonly number[];
}

/**
 * Stacks frames into `[T, B, H, W, C]` (DESIGN: time first, then batch): frame `b`'s time bin
 * `k` goes to `data[(k·B + b)·H·W·C …]`. The last batch of a stream may hold fewer frames.
 *
 * ```
 * frames:  -a-b-c-|      batchFrames(2)
 * batches: ---x---(y|)   x = [a, b], y = [c]
 * ```
 *
 * @throws ConfigError at call time unless `size` is an integer >= 1; downstream, as an error,
 *   when frames in one batch differ in shape.
 * @example
 * frames$.pipe(batchFrames(32)).subscribe(({ data, shape }) => train(data, shape));
 */
export function batchFrames(size: number): OperatorFunction<SpikeFrame, FrameBatch> {
  if (!(Number.isInteger(size) && size >= 1)) throw new ConfigError(`batchFrames: size must be an integer >= 1, got ${size}`);
  return (source) => source.pipe(bufferCount(size), map(stack));
}

function stack(frames: SpikeFrame[]): FrameBatch {
  const [T, H, W, C] = frames[0]!.shape;
  const B = frames.length;
  const block = H * W * C;
  const data = new Float32Array(T * B * block);
  frames.forEach((f, b) => {
    if (f.shape.join() !== frames[0]!.shape.join()) {
      throw new ConfigError(`batchFrames: frame shapes differ: [${f.shape.join()}] vs [${frames[0]!.shape.join()}]`);
    }
    for (let k = 0; k < T; k++) data.set(f.data.subarray(k * block, (k + 1) * block), (k * B + b) * block);
  });
  return { shape: [T, B, H, W, C], data, indices: frames.map((f) => f.index) };
}
