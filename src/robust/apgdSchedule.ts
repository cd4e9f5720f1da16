/**
 * The step-size schedule of APGD (Croce & Hein 2020, AutoAttack's `autopgd_base.py`), per sample:
 * the step starts at 2ε; at checkpoints — the first after ⌊0.22·N⌋ steps, each next interval
 * shorter by ⌊0.03·N⌋ down to ⌊0.06·N⌋ (each at least 1) — a sample's step is halved, and it
 * restarts from its best point, when the loss rose in at most ρ of the interval's steps
 * (oscillation), or when its step was not halved at the last checkpoint and its best loss has not
 * improved since.
 */
export class ApgdSchedule {
  /** Current step size per sample, in the domain's units. */
  readonly stepSize: Float32Array;
  private readonly history: Float32Array[] = [];
  private readonly bestAtLastCheck: Float32Array;
  private readonly halvedAtLastCheck: Uint8Array;
  private interval: number;
  private sinceCheck = 0;
  private readonly minInterval: number;
  private readonly decrement: number;

  /** `initialLoss`: per-sample loss at the start point; `steps` N; ρ the oscillation threshold. */
  constructor(initialLoss: Float32Array, eps: number, steps: number, private readonly rho: number) {
    const B = initialLoss.length;
    this.stepSize = new Float32Array(B).fill(2 * eps);
    this.history.push(Float32Array.from(initialLoss));
    this.bestAtLastCheck = Float32Array.from(initialLoss);
    this.halvedAtLastCheck = new Uint8Array(B).fill(1); // AutoAttack starts with "reduced" set
    this.interval = Math.max(Math.floor(0.22 * steps), 1);
    this.minInterval = Math.max(Math.floor(0.06 * steps), 1);
    this.decrement = Math.max(Math.floor(0.03 * steps), 1);
  }

  /**
   * Records one step's per-sample loss and the best loss so far. At a checkpoint, halves the step
   * of the samples that must and returns them as a 0/1 mask (they restart from their best point);
   * otherwise returns null.
   */
  record(loss: Float32Array, bestLoss: Float32Array): Uint8Array | null {
    this.history.push(Float32Array.from(loss));
    if (++this.sinceCheck < this.interval) return null;
    const B = loss.length;
    const halve = new Uint8Array(B);
    const last = this.history.length - 1;
    for (let b = 0; b < B; b++) {
      let rises = 0;
      for (let m = 0; m < this.interval; m++) if (this.history[last - m]![b]! > this.history[last - m - 1]![b]!) rises++;
      const oscillates = rises <= this.interval * this.rho;
      const stalled = this.halvedAtLastCheck[b] === 0 && this.bestAtLastCheck[b]! >= bestLoss[b]!;
      halve[b] = oscillates || stalled ? 1 : 0;
      if (halve[b] === 1) this.stepSize[b]! /= 2;
    }
    this.halvedAtLastCheck.set(halve);
    this.bestAtLastCheck.set(bestLoss);
    this.interval = Math.max(this.interval - this.decrement, this.minInterval);
    this.sinceCheck = 0;
    return halve;
  }
}
