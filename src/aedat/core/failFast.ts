import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { ConfigError, DecodeError } from '../../errors.js';
import { emptyOutput, fullOutput } from './outputs.js';
import type { DecodeOutput, EventDecoder, FileHeader, Frame, ImuSample, Trigger } from './types.js';

/** What a format decoder does; {@link failFast} turns it into an {@link EventDecoder}. */
export interface DecoderSteps {
  readonly header: FileHeader | null;
  readonly skipped: Readonly<Record<string, number>>;
  readonly offset: number;
  /** Sensor size for the batches (the format's address range until the header says more). */
  readonly sensor: SensorSize;
  /** Consumes a chunk. @throws DecodeError at the first fault. */
  feed(chunk: Uint8Array): void;
  /** Ends the input. @throws DecodeError (TruncatedInputError for a partial tail). */
  finish(): void;
  /** Hands over what was decoded since the last call (events and side outputs). */
  drain(): { events: EventBatch; frames?: Frame[]; imu?: ImuSample[]; triggers?: Trigger[] };
  /** Frees scratch memory once the input has ended. */
  release(): void;
}

/**
 * Wraps decoder steps with the contract every decoder shares: a DecodeError thrown by a step is
 * returned (never thrown) together with everything decoded before it, and the decoder then stays
 * failed: every later call returns the same error and nothing else. Other exceptions are bugs and
 * propagate. A call after `end()` is a caller bug and throws (see {@link usedAfterEnd}).
 */
export function failFast(steps: DecoderSteps): EventDecoder {
  let failure: DecodeError | undefined;
  let ended = false;

  function run(step: () => void): DecodeOutput {
    try {
      step();
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      failure = e;
    }
    const drained = steps.drain();
    return fullOutput(drained.events, drained, failure);
  }

  return {
    get header() {
      return steps.header;
    },
    get skipped() {
      return steps.skipped;
    },
    get offset() {
      return steps.offset;
    },
    push(chunk) {
      if (ended) throw usedAfterEnd('push');
      return failure ? emptyOutput(steps.sensor, failure) : run(() => steps.feed(chunk));
    },
    end() {
      if (ended) throw usedAfterEnd('end');
      ended = true;
      if (failure) return emptyOutput(steps.sensor, failure);
      const out = run(() => steps.finish());
      steps.release();
      return out;
    },
  };
}

/**
 * The error of a `push()` or `end()` after `end()`: thrown, not returned, because it is a bug in
 * the caller rather than a fault of the input (the output's `error` describes the input only), and
 * a thrown error cannot be overlooked the way an ignored `error` field can.
 */
export function usedAfterEnd(call: 'push' | 'end'): ConfigError {
  return new ConfigError(`decoder ${call}() after end(): the decoder has finished; open a new decoder for new input`);
}
