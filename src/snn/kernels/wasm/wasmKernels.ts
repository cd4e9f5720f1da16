import * as tf from '@tensorflow/tfjs-core';
import type { KernelSurrogate, LifKernelAttrs } from '../kernelNames.js';
import { convGeometry, type ConvPad } from '../convGeometry.js';
import type { ConvGeometry } from '../js/convMath.js';
import { poolShapeOf, stepsOf } from '../js/jsKernels.js';
import type { SnnWasm } from './snnWasm.js';

type Inputs = tf.NamedTensorInfoMap;

/** Surrogate id and its two float parameters as snnKernels.c's `surrogate()` expects them. */
function surrogateParams(name: KernelSurrogate, g: number): [kind: number, a: number, b: number] {
  switch (name) {
    case 'triangle':
      return [0, g, g * g];
    case 'sigmoid':
      return [1, g, 0];
    case 'atan':
      return [2, g / 2, (Math.PI / 2) * g];
    case 'rectangle':
      return [3, g / 2, g];
    case 'fastSigmoid':
      return [4, g / 2, g];
    case 'straightThrough':
      // the rectangle test |u| < a with a = the float32 just above γ is |u| ≤ γ; height 1/b = 1
      return [3, nextFloat32Above(g), 1];
  }
}

/** The smallest float32 greater than `x` (x finite and positive). */
function nextFloat32Above(x: number): number {
  const bits = new Uint32Array(new Float32Array([x]).buffer);
  bits[0]! += 1;
  return new Float32Array(bits.buffer)[0]!;
}

function offsets(k: SnnWasm, ...ts: (tf.TensorInfo | undefined)[]): number[] {
  return ts.map((t) => {
    if (t === undefined) throw new TypeError('missing kernel input');
    return k.offsetOf(t);
  });
}

/** SnnLif on the heap: one pass, spikes and final membrane written in place. */
export function lifWasm(k: SnnWasm, { current, v0 }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const { T, N } = stepsOf(current!);
  const [I = 0, V0 = 0] = offsets(k, current, v0);
  const S = k.output(current!.shape);
  const V = k.output(v0!.shape);
  k.fns.lif_forward(I, V0, S.offset, V.offset, T, N, a.tau, a.theta, a.hardReset ? 1 : 0);
  return [S.info, V.info];
}

/** SnnLifGrad on the heap (h recomputed inside the output buffer; no scratch). */
export function lifGradWasm(k: SnnWasm, { current, v0, dSpikes, dV }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const { T, N } = stepsOf(current!);
  const [I = 0, V0 = 0, dS = 0, dv = 0] = offsets(k, current, v0, dSpikes, dV);
  const dI = k.output(current!.shape);
  const dV0 = k.output(v0!.shape);
  const [kind, pa, pb] = surrogateParams(a.surrogate, a.gamma);
  k.fns.lif_backward(I, V0, dS, dv, dI.offset, dV0.offset, T, N, a.tau, a.theta, a.hardReset ? 1 : 0,
    a.detachReset ? 1 : 0, kind, pa, pb);
  return [dI.info, dV0.info];
}

/** SnnLifAvgPool2 on the heap: LIF and pooling fused, the unpooled spikes never stored. */
export function lifAvgPool2Wasm(k: SnnWasm, { current, v0 }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const s = poolShapeOf(current!, a.steps);
  const [I = 0, V0 = 0] = offsets(k, current, v0);
  const P = k.output(s.pooled);
  const V = k.output(v0!.shape);
  k.fns.lif_pool_forward(I, V0, P.offset, V.offset, a.steps, s.batch, s.H, s.W, s.C, a.tau, a.theta, a.hardReset ? 1 : 0);
  return [P.info, V.info];
}

/** SnnLifAvgPool2Grad on the heap. */
export function lifAvgPool2GradWasm(k: SnnWasm, { current, v0, dPooled, dV }: Inputs, a: LifKernelAttrs): tf.TensorInfo[] {
  const s = poolShapeOf(current!, a.steps);
  const [I = 0, V0 = 0, dP = 0, dv = 0] = offsets(k, current, v0, dPooled, dV);
  const dI = k.output(current!.shape);
  const dV0 = k.output(v0!.shape);
  const [kind, pa, pb] = surrogateParams(a.surrogate, a.gamma);
  k.fns.lif_pool_backward(I, V0, dP, dv, dI.offset, dV0.offset, a.steps, s.batch, s.H, s.W, s.C, a.tau, a.theta,
    a.hardReset ? 1 : 0, a.detachReset ? 1 : 0, kind, pa, pb);
  return [dI.info, dV0.info];
}

function geometryArgs(g: ConvGeometry): number[] {
  return [g.N, g.H, g.W, g.Cin, g.KH, g.KW, g.Cout, g.Ho, g.Wo, g.pt, g.pl];
}

/**
 * Where the scatter beats XNNPACK's dense Conv2D (user CPU ms, [256,17,17,16] * [3,3,16,32]:
 * 9.4 vs 16.4 at 29 % non-zero inputs, even at ~60 %, 28 vs 17 dense; [256,34,34,2] * [3,3,2,16]
 * at 4.5 %: 6.7 vs 5.7, as the per-pixel work does not shrink with two channels).
 */
const SPARSE_MIN_CIN = 8;
const SPARSE_MAX_DENSITY = 0.5;

/** SnnSpikeConv2d on the heap: scatter from non-zero inputs, or XNNPACK's Conv2D where that is faster. */
export function spikeConv2dWasm(k: SnnWasm, { x, filter }: Inputs, pad: ConvPad): tf.TensorInfo {
  const g = convGeometry(x!.shape, filter!.shape, pad);
  const [X = 0, F = 0] = offsets(k, x, filter);
  const size = g.N * g.H * g.W * g.Cin;
  if (g.Cin < SPARSE_MIN_CIN || k.fns.count_nonzero(X, size) > SPARSE_MAX_DENSITY * size) {
    const attrs = { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 };
    return k.builtin(tf.Conv2D, { x: x!, filter: filter! }, attrs as unknown as tf.NamedAttrMap) as tf.TensorInfo;
  }
  const y = k.output([g.N, g.Ho, g.Wo, g.Cout]);
  const [N = 0, H = 0, W = 0, Cin = 0, KH = 0, KW = 0, Cout = 0, Ho = 0, Wo = 0, pt = 0, pl = 0] = geometryArgs(g);
  k.fns.spike_conv_forward(X, F, y.offset, N, H, W, Cin, KH, KW, Cout, Ho, Wo, pt, pl);
  return y.info;
}

/** Conv2DBackpropFilter (stride 1) on the heap: accumulates from non-zero inputs only. */
export function convFilterGradWasm(k: SnnWasm, { x, dy }: Inputs, filterShape: number[], pad: ConvPad): tf.TensorInfo {
  const g = convGeometry(x!.shape, filterShape, pad);
  const [X = 0, DY = 0] = offsets(k, x, dy);
  const dw = k.output(filterShape);
  const [N = 0, H = 0, W = 0, Cin = 0, KH = 0, KW = 0, Cout = 0, Ho = 0, Wo = 0, pt = 0, pl = 0] = geometryArgs(g);
  k.fns.conv_filter_grad(X, DY, dw.offset, N, H, W, Cin, KH, KW, Cout, Ho, Wo, pt, pl);
  return dw.info;
}
