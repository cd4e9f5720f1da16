import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { trainProgress } from '../../src/cli/trainProgress.js';

/** A stream that says it is a terminal (so cli-progress draws) and keeps what was written. */
function fakeTerminal(): Writable & { isTTY: true; columns: number; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write: (c: Buffer, _e, done) => { chunks.push(c.toString()); done(); } });
  return Object.assign(w, { isTTY: true as const, columns: 120, text: () => chunks.join('') });
}

describe('train progress bar', () => {
  it('draws every frame with the loss and learning rate, the first one included', () => {
    const term = fakeTerminal();
    const onStep = trainProgress(term);
    for (let b = 1; b <= 3; b++) onStep({ epoch: 1, batch: b, batches: 3, loss: 2.5 / b, lr: 1e-3 });
    const text = term.text();
    expect(text).toMatch(/epoch 1 \[.*\] 1\/3 batches \| loss 2\.5000, lr 1\.00e-3/);
    expect(text).toMatch(/3\/3 batches \| loss 0\.8333/);
    expect(text).not.toMatch(/\{(detail|loss|lr|epoch)\}/);
  });
});
