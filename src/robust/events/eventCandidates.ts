import type { EventEdits } from './eventEdits.js';

/**
 * The `k` edits the gradient favours most, as signed cells `±(c + 1)`: injection where
 * ∂loss/∂x > 0 and the cell can take one more event, deletion where ∂loss/∂x < 0 and the cell
 * holds a deletable event; ranked by |∂loss/∂x|; cells marked in `tabu` are skipped.
 * @example const picks = topCandidates(edits, grad, tabu, 16);
 */
export function topCandidates(edits: EventEdits, grad: Float32Array, tabu: Uint8Array, k: number): number[] {
  const cells: number[] = [];
  for (let c = 0; c < grad.length; c++) {
    const g = grad[c]!;
    if (tabu[c] || g === 0) continue;
    if (g > 0 ? edits.canInject(c) : edits.canDelete(c)) cells.push(c);
  }
  cells.sort((a, b) => Math.abs(grad[b]!) - Math.abs(grad[a]!) || a - b);
  return cells.slice(0, k).map((c) => (grad[c]! > 0 ? c + 1 : -(c + 1)));
}

/**
 * A batch `[T, B, H, W, 2]` with `B = picks.length + 1`: row `i < B−1` is the edited tensor with
 * pick `i` added, the last row has every pick added. Picks are on distinct cells.
 */
export function candidateBatch(edits: EventEdits, picks: readonly number[]): Float32Array {
  const g = edits.grid;
  const base = edits.frames();
  const B = picks.length + 1;
  const plane = g.H * g.W * 2;
  const out = new Float32Array(base.length * B);
  for (let t = 0; t < g.T; t++) {
    const frame = base.subarray(t * plane, (t + 1) * plane);
    for (let b = 0; b < B; b++) out.set(frame, (t * B + b) * plane);
  }
  picks.forEach((e, i) => {
    const c = Math.abs(e) - 1;
    const v = Math.min(g.counts[c]! + edits.delta[c]! + Math.sign(e), g.clip);
    const t = Math.floor(c / plane);
    out[(t * B + i) * plane + (c % plane)] = v;
    out[(t * B + B - 1) * plane + (c % plane)] = v;
  });
  return out;
}
