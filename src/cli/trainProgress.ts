import { SingleBar } from 'cli-progress';
import type { StepProgress } from '../snn/index.js';

/**
 * A progress bar for `train`, one per epoch, drawn on `stream` (a TTY; cli-progress draws nothing
 * elsewhere). Every frame, the first included, gets the whole payload: a field missing at
 * `start` is printed literally (`loss {loss}`).
 * @example const onStep = trainProgress(process.stderr); trainModel(model, { ..., onStep });
 */
export function trainProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): (s: StepProgress) => void {
  if (stream.isTTY !== true) {
    // logs and CI: a plain line at each quarter of an epoch
    return (s) => {
      if (Math.floor((4 * s.batch) / s.batches) > Math.floor((4 * (s.batch - 1)) / s.batches)) {
        stream.write(`epoch ${s.epoch}: ${s.batch}/${s.batches} batches, loss ${s.loss.toFixed(4)}, lr ${s.lr.toExponential(2)}\n`);
      }
    };
  }
  const bar = new SingleBar({ format: 'epoch {epoch} [{bar}] {value}/{total} batches | loss {loss} | lr {lr}', stream });
  return (s) => {
    const payload = { epoch: s.epoch, loss: s.loss.toFixed(4), lr: s.lr.toExponential(2) };
    if (s.batch === 1) bar.start(s.batches, 1, payload);
    else bar.update(s.batch, payload);
    if (s.batch === s.batches) bar.stop();
  };
}
