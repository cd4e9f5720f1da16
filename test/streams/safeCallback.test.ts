import { describe, expect, it } from 'vitest';
import { CallbackError } from '../../src/streams/CallbackError.js';
import { callSafely, safeCallback } from '../../src/streams/safeCallback.js';
import { settleRun } from '../../src/streams/settleRun.js';
import { Boom, boom } from './callbackHelpers.js';

/** A subscriber stand-in that records how it was ended. */
function recorder(): { errors: unknown[]; completed: number; error: (e: unknown) => void; complete: () => void } {
  const r = { errors: [] as unknown[], completed: 0, error: (e: unknown) => void r.errors.push(e), complete: () => void r.completed++ };
  return r;
}

describe('safeCallback', () => {
  it('passes arguments through and returns true when the callback returns', () => {
    const seen: number[] = [];
    const sub = recorder();
    expect(safeCallback(sub, (a: number, b: number) => void seen.push(a + b))(2, 3)).toBe(true);
    expect(seen).toEqual([5]);
    expect(sub.errors).toEqual([]);
  });

  it('sends a throw to subscriber.error and returns false', () => {
    const sub = recorder();
    expect(safeCallback(sub, boom)()).toBe(false);
    expect(sub.errors).toHaveLength(1);
    expect(sub.errors[0]).toBeInstanceOf(Boom);
  });

  it('an absent callback is a success', () => {
    expect(safeCallback(recorder(), undefined)()).toBe(true);
  });

  it('a thrown undefined or null becomes a CallbackError, never a success', () => {
    for (const v of [undefined, null]) {
      expect(callSafely(() => { throw v; })).toBeInstanceOf(CallbackError);
    }
  });
});

describe('settleRun', () => {
  it('the run error wins, then the callback error, else completion; nothing once unsubscribed', () => {
    const cases = [['error', 'run', 'cb', ['run'], 0], ['complete', undefined, 'cb', ['cb'], 0], ['complete', undefined, undefined, [], 1], ['unsubscribed', undefined, 'cb', [], 0]] as const;
    for (const [state, err, thrown, errors, completed] of cases) {
      const sub = recorder();
      settleRun(sub, state, err, thrown);
      expect({ errors: sub.errors, completed: sub.completed }, state).toEqual({ errors, completed });
    }
  });
});
