import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { buildBatchNorm } from '../layers/batchNorm.js';
import { buildConv2d } from '../layers/conv2d.js';
import { buildDense } from '../layers/dense.js';
import { buildDropout } from '../layers/dropout.js';
import { buildFlatten } from '../layers/flatten.js';
import type { ForwardContext, GradientMode, Layer, Param } from '../layers/Layer.js';
import { buildPool } from '../layers/pool.js';
import { buildSpiking } from '../layers/spiking.js';
import type { Surrogate } from '../surrogates.js';
import { resolveNeuron, type LayerSpec, type ModelSpec, type NeuronSpec } from './spec.js';
import { specShapes } from './specShapes.js';

/** Options of one forward pass; all optional (inference, trained surrogates, BPTT). */
export interface ForwardOptions {
  readonly training?: boolean;
  /** Use this surrogate in every spiking layer (attacks choose theirs). */
  readonly surrogate?: Surrogate;
  readonly gradient?: GradientMode;
  /** Seed of dropout masks (training). */
  readonly seed?: number;
}

/** Membranes of every spiking layer for a batch of independent streams, `[B, …]` each. */
export interface StreamState {
  readonly batch: number;
  readonly membranes: readonly tf.Tensor[];
}

/** Logits of a window and the state after it. */
export interface StreamOutput {
  /** `[B, classes]`: the window's output averaged over its steps. */
  readonly logits: tf.Tensor2D;
  readonly state: StreamState;
}

/** A built spiking network: parameters as tfjs variables, forward passes on `[T, B, H, W, C]`. */
export interface SnnModel {
  readonly spec: ModelSpec;
  readonly layers: readonly Layer[];
  /** Every parameter by name, in layer order (trainable ones and running statistics). */
  readonly params: readonly Param[];
  /**
   * Logits `[B, classes]` = last layer's output averaged over T; membranes start at 0.
   * Ownership: returns a new tensor; `x` is not disposed.
   * @throws ConfigError if `x` is not `[T, B, …input]`.
   */
  forward(x: tf.Tensor, options?: ForwardOptions): tf.Tensor2D;
  /** Zero membranes for `batch` independent streams. Ownership: the caller disposes (`disposeState`). */
  initState(batch: number): StreamState;
  /**
   * Streaming inference: runs a window `[T, B, …input]` (T ≥ 1) from `state`, returns the window's
   * logits and the state after it. Inference mode (running statistics, no dropout).
   * Ownership: returns new tensors; `x` and `state` are not disposed.
   */
  step(x: tf.Tensor, state: StreamState): StreamOutput;
  /** Disposes every variable of the model. */
  dispose(): void;
}

/**
 * A new state with the membranes of streams `which` zeroed (e.g. a camera reconnected).
 * Ownership: returns new tensors; `state` is not disposed.
 * @example const next = resetStreams(state, [0]);
 */
export function resetStreams(state: StreamState, which: readonly number[]): StreamState {
  const keep = new Float32Array(state.batch).fill(1);
  for (const i of which) {
    if (!Number.isInteger(i) || i < 0 || i >= state.batch) throw new ConfigError(`resetStreams: stream ${i} not in 0..${state.batch - 1}`);
    keep[i] = 0;
  }
  return {
    batch: state.batch,
    membranes: state.membranes.map((v) => tf.tidy(() => tf.mul(v, tf.reshape(tf.tensor1d(keep), [state.batch, ...v.shape.slice(1).map(() => 1)])))),
  };
}

/** Disposes a stream state's membranes. */
export function disposeState(state: StreamState): void {
  for (const v of state.membranes) v.dispose();
}

function buildLayer(spec: LayerSpec, inShape: readonly number[], neuron: NeuronSpec, index: number, seed: number): Layer {
  const name = `${index}.${spec.type}`;
  switch (spec.type) {
    case 'conv2d': return buildConv2d(spec, inShape, name, seed + 10 * index);
    case 'dense': return buildDense(spec, inShape, name, seed + 10 * index);
    case 'avgPool':
    case 'maxPool': return buildPool(spec, inShape, name);
    case 'batchNorm': return buildBatchNorm(spec, inShape, name);
    case 'dropout': return buildDropout(spec, inShape, index);
    case 'flatten': return buildFlatten(inShape);
    case 'spiking': return buildSpiking(resolveNeuron(neuron, spec.neuron, name), inShape, name);
  }
}

/**
 * Builds a model from a validated spec (see `parseModelSpec`) with seeded initial weights.
 * @throws ConfigError if the layers' shapes do not chain or the last layer does not give `[classes]`.
 * @example const model = buildModel(zoo('csnn-nmnist'), { seed: 0 }); const z = model.forward(x); // [B, 10]
 */
export function buildModel(spec: ModelSpec, options: { seed: number }): SnnModel {
  specShapes(spec); // shape errors before any variable is allocated
  const layers: Layer[] = [];
  let shape: readonly number[] = spec.input;
  try {
    spec.layers.forEach((l, i) => {
      const layer = buildLayer(l, shape, spec.neuron, i, options.seed);
      layers.push(layer);
      shape = layer.outputShape;
    });
  } catch (err) {
    layers.forEach((l) => l.params.forEach((p) => p.variable.dispose()));
    throw err;
  }
  const params = layers.flatMap((l) => l.params);
  if (shape.length !== 1 || shape[0] !== spec.classes) {
    params.forEach((p) => p.variable.dispose());
    throw new ConfigError(`${spec.name}: the last layer gives [${shape.join(', ')}], expected [${spec.classes}] (classes)`);
  }
  const spikingLayers = layers.filter((l) => l.kind === 'if' || l.kind === 'lif' || l.kind === 'plif');

  const checkInput = (x: tf.Tensor): [number, number] => {
    const ok = x.rank === 5 && spec.input.every((d, i) => x.shape[i + 2] === d) && x.shape[0]! > 0 && x.shape[1]! > 0;
    if (!ok) throw new ConfigError(`${spec.name}: input must be [T, B, ${spec.input.join(', ')}], got [${x.shape.join(', ')}]`);
    return [x.shape[0]!, x.shape[1]!];
  };

  /** Runs all layers on folded time; returns the per-step output `[T, B, classes]` and final membranes. */
  const run = (x: tf.Tensor, ctx: ForwardContext, membranes?: readonly tf.Tensor[]): { out: tf.Tensor; ends: tf.Tensor[] } => {
    const [T, B] = checkInput(x);
    let h = tf.reshape(x, [T * B, ...spec.input]);
    const ends: tf.Tensor[] = [];
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      const next = layers[i + 1];
      const fuse = layer.forwardAvgPool2 !== undefined && ctx.gradient === 'surrogate' && next?.kind === 'avgPool' && next.poolSize === 2;
      const { y, v } = fuse ? layer.forwardAvgPool2!(h, ctx, membranes?.[ends.length]) : layer.forward(h, ctx, membranes?.[ends.length]);
      if (fuse) i++;
      if (v !== undefined) ends.push(v);
      h = y;
    }
    return { out: tf.reshape(h, [T, B, spec.classes]), ends };
  };

  return {
    spec,
    layers,
    params,
    forward: (x, o = {}) => tf.tidy(() => {
      const ctx: ForwardContext = {
        T: x.shape[0] ?? 0, training: o.training ?? false, gradient: o.gradient ?? 'surrogate', seed: o.seed ?? 0,
        ...(o.surrogate === undefined ? {} : { surrogate: o.surrogate }),
      };
      return tf.mean(run(x, ctx).out, 0) as tf.Tensor2D;
    }),
    initState: (batch) => ({ batch, membranes: spikingLayers.map((l) => tf.fill([batch, ...l.outputShape], 0)) }),
    step: (x, state) => {
      const [T, B] = checkInput(x);
      if (B !== state.batch) throw new ConfigError(`${spec.name}: window has ${B} streams, state has ${state.batch}`);
      const result = tf.tidy(() => {
        const { out, ends } = run(x, { T, training: false, gradient: 'surrogate', seed: 0 }, state.membranes);
        return [tf.mean(out, 0), ...ends];
      });
      const [logits, ...membranes] = result as [tf.Tensor2D, ...tf.Tensor[]];
      return { logits, state: { batch: B, membranes } };
    },
    dispose: () => params.forEach((p) => p.variable.dispose()),
  };
}
