import { SpikeguardError } from '../../errors.js';

/** A lossless queue overfilled because its producer kept sending after the valve closed. */
export class FlowOverflowError extends SpikeguardError {
  override readonly name: string = 'FlowOverflowError';
  constructor(readonly maxBatches: number) {
    super(`lossless flow: the producer ignored the closed valve and overfilled the queue of ${maxBatches} batches`);
  }
}
