import { type EventBatch, type SensorSize, emptyBatch } from '../../events/EventBatch.js';
import type { DecodeError } from '../../errors.js';
import type { DecodeOutput, Frame, ImuSample, Trigger } from './types.js';

const NONE: readonly never[] = Object.freeze([]);

/** A decode output with only events (and possibly an error). */
function eventsOutput(events: EventBatch, error?: DecodeError): DecodeOutput {
  return error === undefined
    ? { events, frames: NONE, imu: NONE, triggers: NONE }
    : { events, frames: NONE, imu: NONE, triggers: NONE, error };
}

/** An output with nothing decoded (and possibly an error). */
export function emptyOutput(sensor: SensorSize, error?: DecodeError): DecodeOutput {
  return eventsOutput(emptyBatch(sensor), error);
}

/** A full output; empty side channels share one frozen array. */
export function fullOutput(
  events: EventBatch,
  side: { frames?: Frame[]; imu?: ImuSample[]; triggers?: Trigger[] },
  error?: DecodeError,
): DecodeOutput {
  const out = {
    events,
    frames: side.frames?.length ? side.frames : NONE,
    imu: side.imu?.length ? side.imu : NONE,
    triggers: side.triggers?.length ? side.triggers : NONE,
  };
  return error === undefined ? out : { ...out, error };
}
