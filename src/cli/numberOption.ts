import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser for a number in [lo, hi] (an integer when `integer`), rejecting
 * anything else with a message that names the range.
 * @example .option('--B <n>', 'batch size', numberIn(1, 4096, true), 32)
 */
export function numberIn(lo: number, hi: number, integer: boolean): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < lo || n > hi || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expects ${integer ? 'an integer' : 'a number'} from ${lo} to ${hi}`);
    }
    return n;
  };
}

/**
 * A commander option parser for a number > 0 without an upper bound (an integer when `integer`).
 * @example .option('--speed <x>', 'replay speed', positiveNumber(false))
 */
export function positiveNumber(integer: boolean): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expects a positive ${integer ? 'integer' : 'number'}`);
    }
    return n;
  };
}
