import type { EventAttackResult } from './EventAttack.js';

/** Success rate and per-sample L0 of an event-level attack over a set of recordings. */
export interface EventAttackSummary {
  readonly samples: number;
  /** Recordings the model classified correctly before the attack (the ones attacked). */
  readonly cleanCorrect: number;
  /** Of those, how many the attack fooled. */
  readonly fooled: number;
  /** `fooled / cleanCorrect` (NaN when nothing was classified correctly). */
  readonly successRate: number;
  /** Events changed per recording, in input order (0 for recordings not attacked). */
  readonly l0: readonly number[];
  /** Mean L0 over the fooled recordings (NaN when none). */
  readonly meanL0Fooled: number;
}

/**
 * Summarises attack results (one per recording): success rate among correctly classified
 * recordings, and L0 per recording.
 * @example const s = summarizeEventAttacks(results); console.log(s.successRate, s.l0);
 */
export function summarizeEventAttacks(results: readonly EventAttackResult[]): EventAttackSummary {
  const attacked = results.filter((r) => r.cleanCorrect);
  const fooled = attacked.filter((r) => r.fooled);
  return {
    samples: results.length,
    cleanCorrect: attacked.length,
    fooled: fooled.length,
    successRate: attacked.length === 0 ? NaN : fooled.length / attacked.length,
    l0: results.map((r) => r.l0),
    meanL0Fooled: fooled.length === 0 ? NaN : fooled.reduce((s, r) => s + r.l0, 0) / fooled.length,
  };
}
