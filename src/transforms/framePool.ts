/**
 * Recycled frame buffers for {@link toFrames}: a fresh 720 KB `Float32Array` per 10 ms window
 * dominates replaying a sparse recording on a large sensor (allocation, zeroing by page faults, GC).
 * The consumer gives each frame's `data` back with `release` once it is done with it; frames never
 * released are simply garbage-collected, so forgetting costs speed, never correctness.
 */
export interface FramePool {
  /** A zeroed buffer of `length` floats: a released one if any, else a new one. */
  take(length: number): Float32Array;
  /** Returns a buffer for reuse (kept only while fewer than `maxFree` wait). Do not use it afterwards. */
  release(data: Float32Array): void;
  /** Buffers waiting for reuse (for tests and metrics). */
  readonly free: number;
}

/**
 * A pool of at most `maxFree` idle buffers (default 8).
 * @example
 * const pool = framePool();
 * frames$ = windows$.pipe(toFrames({ width, height, pool }));
 * frames$.subscribe((f) => { use(f.data); pool.release(f.data); });
 */
export function framePool(maxFree = 8): FramePool {
  const idle: Float32Array[] = [];
  return {
    take: (length) => {
      const i = idle.findIndex((d) => d.length === length);
      if (i < 0) return new Float32Array(length);
      const [data] = idle.splice(i, 1);
      return data!.fill(0);
    },
    release: (data) => {
      if (idle.length < maxFree && !idle.includes(data)) idle.push(data);
    },
    get free() {
      return idle.length;
    },
  };
}
