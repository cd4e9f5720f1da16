import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { DecodeError } from '../../errors.js';
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
 * propagate.
 */
export function failFast(steps: DecoderSteps): EventDecoder {
  let failure: DecodeError | undefined;

  function run(step: () => void): DecodeOutput {
    try {
      step();
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      failure = e;
    }
    const { events, ...side } = steps.drain();
    return fullOutput(events, side, failure);
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
      return failure ? emptyOutput(steps.sensor, failure) : run(() => steps.feed(chunk));
    },
    end() {
      if (failure) return emptyOutput(steps.sensor, failure);
      const out = run(() => steps.finish());
      steps.release();
      return out;
    },
  };
}
