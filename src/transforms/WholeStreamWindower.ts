import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import { EventQueue } from './EventQueue.js';
import type { EventWindow } from './EventWindow.js';
import type { Slicing } from './Slicing.js';
import type { Windower } from './Windower.js';
import { binWholeStream } from './binWholeStream.js';

type Emit = (w: EventWindow) => void;

/**
 * The whole stream in `n` bins (`Slicing` `by: 'timeBins' | 'eventBins'`): buffers every event
 * (up to `maxEvents`, default 2^24) and emits the `n` bins of {@link binWholeStream} at `flush`.
 * Events the edges leave out (`edges: 'tonic'`) are counted in the last bin's `dropped`.
 *
 * @throws ConfigError from `push` when the stream exceeds `maxEvents` (nothing is shed silently),
 *   and from the constructor when `n` or `maxEvents` is not a positive integer.
 * @example
 * const w = new WholeStreamWindower({ by: 'eventBins', n: 10, edges: 'inclusive' });
 */
export class WholeStreamWindower implements Windower {
  private readonly queue: EventQueue;

  constructor(private readonly o: Extract<Slicing, { by: 'timeBins' | 'eventBins' }>) {
    const max = o.maxEvents ?? 1 << 24;
    if (!(Number.isInteger(max) && max > 0)) throw new ConfigError(`maxEvents must be a positive integer, got ${max}`);
    if (!(Number.isInteger(o.n) && o.n >= 1)) throw new ConfigError(`n must be an integer >= 1, got ${o.n}`);
    this.queue = new EventQueue(max);
  }

  /** Buffers one batch. */
  push(b: EventBatch): void {
    const n = b.t.length;
    if (this.queue.append(b, 0, n) < n) {
      throw new ConfigError(`${this.o.by}: the stream has more than maxEvents = ${this.queue.maxEvents} events; raise maxEvents or window by time/count`);
    }
  }

  /** Emits the `n` bins. */
  flush(emit: Emit): void {
    const all = this.queue.copy(0, this.queue.length);
    const { windows, excluded } = binWholeStream(all, { by: this.o.by === 'timeBins' ? 'time' : 'count', n: this.o.n, edges: this.o.edges });
    windows.forEach((w, i) => emit(i === windows.length - 1 ? { ...w, dropped: excluded } : w));
  }
}
