import type { StepProgress } from '../snn/index.js';
import { type CountProgress, countProgress } from './progress.js';

/**
 * `train`'s progress: one {@link countProgress} per epoch (a bar on a terminal, a line at each
 * quarter of an epoch otherwise) with the loss and learning rate.
 * @example const onStep = trainProgress(process.stderr); trainModel(model, { ..., onStep });
 */
export function trainProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): (s: StepProgress) => void {
  let epoch: CountProgress | undefined;
  return (s) => {
    if (s.batch === 1) epoch = countProgress(`epoch ${s.epoch}`, 'batches', stream);
    epoch?.update(s.batch, s.batches, `loss ${s.loss.toFixed(4)}, lr ${s.lr.toExponential(2)}`);
    if (s.batch === s.batches) epoch?.stop();
  };
}
