import * as tf from '@tensorflow/tfjs-core';
import type { LifKernelAttrs } from '../kernelNames.js';
import { convGeometry, type ConvPad } from '../convGeometry.js';
import { convFilterGradJs, spikeConvForwardJs } from './convMath.js';
import { lifBackwardJs, lifForwardJs, lifParams } from './lifMath.js';
import { avgPool2GradJs, avgPool2Js, type PoolShape } from './poolMath.js';

/**
 * The kernels as plain typed-array JavaScript on any backend's public API (`readSync`, `write`):
 * the `cpu` backend's kernels (no copies there), and the wasm kernels' fallback when tfjs's
 * internals are not as expected (with copies).
 */
type Backend = Pick<tf.KernelBackend, 'readSync' | 'write'>;
type Inputs = tf.NamedTensorInfoMap;

function read(b: Backend, t: tf.TensorInfo | undefined): Float32Array {
  if (t === undefined) throw new TypeError('missing kernel input');
  return b.readSync(t.dataId) as Float32Array;
}

function write(b: Backend, values: Float32Array, shape: number[]): tf.TensorInfo {
  return { dataId: b.write(values, shape, 'float32'), shape, dtype: 'float32' };
}

/** Steps T and elements per step N of `[T, …]`. */
export function stepsOf(current: tf.TensorInfo): { T: number; N: number } {
  const T = current.shape[0] ?? 0;
  return { T, N: T === 0 ? 0 : tf.util.sizeFromShape(current.shape) / T };
}

/** Pool shape of a step of `[T·B, H, W, C]` folded over `steps`. */
export function poolShapeOf(current: tf.TensorInfo, steps: number): PoolShape & { pooled: number[] } {
  const [TB = 0, H = 0, W = 0, C = 0] = current.shape;
  return { batch: TB / steps, H, W, C, pooled: [TB, Math.floor(H / 2), Math.floor(W / 2), C] };
}

/** SnnLif: `{current [T,…], v0}` → `[spikes, v]`. */
export function lifJs(b: Backend, { current, v0 }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const { T, N } = stepsOf(current!);
  const S = new Float32Array(T * N);
  const V = new Float32Array(N);
  lifForwardJs(read(b, current), read(b, v0), S, V, T, N, lifParams(a));
  return [write(b, S, current!.shape), write(b, V, v0!.shape)];
}

/** SnnLifGrad: `{current, v0, dSpikes, dV}` → `[dCurrent, dV0]`. */
export function lifGradJs(b: Backend, { current, v0, dSpikes, dV }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const { T, N } = stepsOf(current!);
  const dI = new Float32Array(T * N);
  const dv0 = new Float32Array(N);
  lifBackwardJs(read(b, current), read(b, v0), read(b, dSpikes), read(b, dV), dI, dv0, T, N, lifParams(a));
  return [write(b, dI, current!.shape), write(b, dv0, v0!.shape)];
}

/** SnnLifAvgPool2: `{current [T·B,H,W,C], v0 [B,H,W,C]}` → `[pooled, v]`. */
export function lifAvgPool2Js(b: Backend, { current, v0 }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const shape = poolShapeOf(current!, a.steps);
  const N = tf.util.sizeFromShape(v0!.shape);
  const S = new Float32Array(a.steps * N);
  const V = new Float32Array(N);
  lifForwardJs(read(b, current), read(b, v0), S, V, a.steps, N, lifParams(a));
  const P = new Float32Array(tf.util.sizeFromShape(shape.pooled));
  avgPool2Js(S, P, { ...shape, batch: shape.batch * a.steps });
  return [write(b, P, shape.pooled), write(b, V, v0!.shape)];
}

/** SnnLifAvgPool2Grad: `{current, v0, dPooled, dV}` → `[dCurrent, dV0]`. */
export function lifAvgPool2GradJs(b: Backend, { current, v0, dPooled, dV }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const shape = poolShapeOf(current!, a.steps);
  const N = tf.util.sizeFromShape(v0!.shape);
  const dS = new Float32Array(a.steps * N);
  avgPool2GradJs(read(b, dPooled), dS, { ...shape, batch: shape.batch * a.steps });
  const dI = new Float32Array(a.steps * N);
  const dv0 = new Float32Array(N);
  lifBackwardJs(read(b, current), read(b, v0), dS, read(b, dV), dI, dv0, a.steps, N, lifParams(a));
  return [write(b, dI, current!.shape), write(b, dv0, v0!.shape)];
}

/** SnnSpikeConv2d: `{x, filter}` → `y`. */
export function spikeConv2dJs(b: Backend, { x, filter }: Inputs, pad: ConvPad): tf.TensorInfo {
  const g = convGeometry(x!.shape, filter!.shape, pad);
  const y = new Float32Array(g.N * g.Ho * g.Wo * g.Cout);
  spikeConvForwardJs(read(b, x), read(b, filter), y, g);
  return write(b, y, [g.N, g.Ho, g.Wo, g.Cout]);
}

/** Conv2DBackpropFilter (stride 1): `{x, dy}` → `dW [KH,KW,Cin,Cout]`. */
export function convFilterGradJsKernel(b: Backend, { x, dy }: Inputs, filterShape: number[], pad: ConvPad): tf.TensorInfo {
  const g = convGeometry(x!.shape, filterShape, pad);
  const dw = new Float32Array(tf.util.sizeFromShape(filterShape));
  convFilterGradJs(read(b, x), read(b, dy), dw, g);
  return write(b, dw, filterShape);
}
