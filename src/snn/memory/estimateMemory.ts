import { ConfigError } from '../../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { elementsOf, specShapes, type LayerShape } from '../model/specShapes.js';

const FLOAT_BYTES = 4;

/**
 * Backend memory per stored activation element, relative to the layer's output, measured on the
 * wasm backend (`tf.profile` peak bytes, csnn-nmnist and vgg-dvs48/128): BPTT keeps the forward
 * outputs and the gradients of the same size (×2.5); batch norm's composed ops keep ~20 tensors
 * of its output's size for the backward (×21).
 */
const TRAIN_FACTOR = 2.5;
const TRAIN_BATCH_NORM_FACTOR = 21;
/** Temporaries a layer frees at its end, in outputs (batch norm at inference: ~1.5). */
const TRANSIENT = { bias: 1, batchNorm: 1.5, dropout: 1 } as const;

/** What a run will do with a model. */
export interface MemoryUse {
  /** Time steps of one pass (a window's bins, a sample's T). */
  readonly T: number;
  /** Samples (streams) of one pass. */
  readonly batch: number;
  /** `inference`: forward only; `training`: BPTT forward + backward and an optimiser update. */
  readonly mode: 'inference' | 'training';
  /** Training: Adam keeps two slots per parameter, SGD one (default adam). */
  readonly optimizer?: 'adam' | 'sgd';
  /** Training with validation: a copy of the best epoch's weights is kept. */
  readonly keepBest?: boolean;
  /** Data-parallel workers (training): each holds a replica and a `batch / workers` shard. */
  readonly workers?: number;
}

/** Estimated memory of a run, in bytes. */
export interface MemoryNeed {
  /** Parameter elements (weights and running statistics). */
  readonly parameters: number;
  /** Weights in every heap that holds a replica. */
  readonly parameterBytes: number;
  /** Gradients, optimiser slots and the best-weights copy. */
  readonly optimizerBytes: number;
  /** Activations of one pass (training: what BPTT keeps, and the gradients). */
  readonly activationBytes: number;
  /** The input batch as a JS array (outside the backend's heap). */
  readonly inputBytes: number;
  /** The largest single backend heap (wasm: one per thread, each limited to 4 GiB). */
  readonly heapBytes: number;
  readonly totalBytes: number;
}

/** Stored activation elements per sample and time step for one pass, and the largest transient. */
function activationElements(layers: readonly LayerShape[], training: boolean, T: number): number {
  let kept = elementsOf(layers[0]?.inShape ?? []);
  let transient = 0;
  layers.forEach((l, i) => {
    const out = elementsOf(l.outShape);
    const next = layers[i + 1]?.spec;
    const s = l.spec;
    // A LIF/IF layer followed by a 2×2 average pool runs as one kernel that stores only the pooled output.
    const fused = s.type === 'spiking' && next?.type === 'avgPool' && next.size === 2 && l.outShape.length === 3 && l.params.length === 0;
    let stored = out;
    if (s.type === 'flatten' || fused) stored = 0;
    else if (s.type === 'spiking') stored = out * (1 + 1 / T); // spikes, and the final membrane per sample
    if (training) stored *= s.type === 'batchNorm' ? TRAIN_BATCH_NORM_FACTOR : TRAIN_FACTOR;
    kept += stored;
    const extra = (s.type === 'conv2d' || s.type === 'dense') && s.bias ? TRANSIENT.bias
      : s.type === 'batchNorm' && !training ? TRANSIENT.batchNorm : s.type === 'dropout' && training ? TRANSIENT.dropout : 0;
    transient = Math.max(transient, extra * out);
  });
  return kept + transient;
}

/**
 * Estimates the memory a model of `spec` needs for one pass of `use.batch` samples × `use.T`
 * steps, from the spec alone (nothing is built): parameters, activations of the T·B pass (all
 * layers' outputs stay alive until the pass ends; training also keeps what BPTT needs and the
 * gradients), gradients and optimiser state, and the input batch. Calibrated on the wasm backend;
 * within ~12% of `tf.profile`'s peak bytes for the zoo networks (test/snn/estimateMemory.test.ts asserts 20%).
 * @throws ConfigError if the spec's shapes do not chain, or T, batch or workers are not positive integers.
 * @example estimateMemory(zoo('csnn-nmnist'), { T: 8, batch: 32, mode: 'training' }).totalBytes // ≈ 90 MB
 */
export function estimateMemory(spec: ModelSpec, use: MemoryUse): MemoryNeed {
  const workers = use.workers ?? 1;
  for (const [name, v] of [['T', use.T], ['batch', use.batch], ['workers', workers]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`estimateMemory: ${name} must be a positive integer, got ${v}`);
  }
  const layers = specShapes(spec);
  const params = layers.flatMap((l) => l.params);
  const parameters = params.reduce((a, p) => a + elementsOf(p.shape), 0);
  const trainable = params.filter((p) => p.trainable).reduce((a, p) => a + elementsOf(p.shape), 0);
  const training = use.mode === 'training';
  const perSample = activationElements(layers, training, use.T) * use.T * FLOAT_BYTES;
  const weights = parameters * FLOAT_BYTES;
  const slots = !training ? 0 : (use.optimizer === 'sgd' ? 1 : 2) + (use.keepBest === true ? 1 : 0);
  // The main thread applies the update; with workers, each worker computes gradients of its shard.
  const replicas = training && workers > 1 ? workers : 0;
  const shard = Math.ceil(use.batch / (replicas || 1));
  const gradients = training ? trainable * FLOAT_BYTES : 0;
  const main = weights + slots * trainable * FLOAT_BYTES + (replicas === 0 ? gradients + perSample * use.batch : gradients);
  const worker = replicas === 0 ? 0 : weights + gradients + perSample * shard;
  const inputBytes = use.T * use.batch * elementsOf(spec.input) * FLOAT_BYTES;
  return {
    parameters,
    parameterBytes: weights * (1 + replicas),
    optimizerBytes: slots * trainable * FLOAT_BYTES + gradients * (1 + replicas),
    activationBytes: perSample * use.batch,
    inputBytes,
    heapBytes: Math.max(main, worker),
    totalBytes: main + replicas * worker + inputBytes,
  };
}
