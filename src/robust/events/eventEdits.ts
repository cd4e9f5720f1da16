import type { EventGrid } from './EventGrid.js';

/**
 * Events added (+) or removed (−) per cell of an {@link EventGrid}, one event per unit, and the
 * order they were made in (so unneeded ones can be undone last-first). A cell is only ever
 * added to or only removed from: `|delta|` summed is the L0 (events changed).
 */
export class EventEdits {
  readonly delta: Int32Array;
  /** Signed cell per edit, in order: `+(c + 1)` inject, `−(c + 1)` delete. */
  private readonly log: number[] = [];

  constructor(readonly grid: EventGrid) {
    this.delta = new Int32Array(grid.cells);
  }

  /** Events changed so far. */
  get l0(): number {
    return this.log.length;
  }

  /** The edits in order, as signed cells `±(c + 1)`. */
  get edits(): readonly number[] {
    return this.log;
  }

  /** True when one more event in cell `c` changes its value (below the cap, not a deletion cell). */
  canInject(c: number): boolean {
    return this.delta[c]! >= 0 && this.grid.counts[c]! + this.delta[c]! < this.grid.clip;
  }

  /** True when cell `c` still holds a deletable event and one fewer changes its value. */
  canDelete(c: number): boolean {
    const d = this.delta[c]!;
    return d <= 0 && this.grid.deletable[c]! + d > 0 && this.grid.counts[c]! + d - 1 < this.grid.clip;
  }

  /**
   * Applies one edit (`+1` inject, `−1` delete) at cell `c`.
   * @throws RangeError (a caller's bug) when {@link canInject} / {@link canDelete} says no.
   */
  apply(c: number, sign: 1 | -1): void {
    if (!(sign > 0 ? this.canInject(c) : this.canDelete(c))) throw new RangeError(`event edit ${sign > 0 ? '+' : '-'}1 not allowed at cell ${c}`);
    this.delta[c]! += sign;
    this.log.push(sign * (c + 1));
  }

  /** Undoes edit `i` of {@link edits}. */
  undo(i: number): void {
    const e = this.log[i]!;
    this.delta[Math.abs(e) - 1]! -= Math.sign(e);
    this.log.splice(i, 1);
  }

  /** Injected and deleted event counts. */
  totals(): { injected: number; deleted: number } {
    const injected = this.log.filter((e) => e > 0).length;
    return { injected, deleted: this.log.length - injected };
  }

  /**
   * The edited tensor `[T, H, W, 2]`: `min(count, clip)` per cell, what `binSample` gives for the
   * edited events. `out` is overwritten when given.
   */
  frames(out = new Float32Array(this.grid.cells)): Float32Array {
    const { counts, clip } = this.grid;
    for (let c = 0; c < out.length; c++) out[c] = Math.min(counts[c]! + this.delta[c]!, clip);
    return out;
  }
}
