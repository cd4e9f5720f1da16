import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { ConvPad } from './convGeometry.js';
import {
  SnnConv2dFilterGrad, SnnLif, SnnLifAvgPool2, SnnLifAvgPool2Grad, SnnLifGrad, SnnSpikeConv2d,
  type ConvAttrs, type LifKernelAttrs,
} from './kernelNames.js';
import * as js from './js/jsKernels.js';
import { snnWasmOf, type SnnWasm } from './wasm/snnWasm.js';
import * as wasm from './wasm/wasmKernels.js';
import { registerMissing } from '../gradients/registerMissing.js';

type Backend = Pick<tf.KernelBackend, 'readSync' | 'write'>;
type Impl<A> = (b: Backend, inputs: tf.NamedTensorInfoMap, attrs: A) => tf.TensorInfo | tf.TensorInfo[];
type WasmImpl<A> = (k: SnnWasm, inputs: tf.NamedTensorInfoMap, attrs: A) => tf.TensorInfo | tf.TensorInfo[];

/** Conv2DBackpropFilter's attrs as tfjs-core 4.22 passes them. */
interface FilterGradAttrs {
  strides: number | [number, number];
  pad: ConvPad;
  dataFormat: string;
  filterShape: [number, number, number, number];
}

/** The kernels' backends: cpu runs the JS kernels, wasm the SIMD ones (JS, with copies, if unusable). */
function configs<A>(kernelName: string, jsImpl: Impl<A>, wasmImpl: WasmImpl<A>): tf.KernelConfig[] {
  const attrsOf = (attrs: tf.NamedAttrMap | undefined): A => attrs as unknown as A;
  return [
    { kernelName, backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs }) => jsImpl(backend as Backend, inputs, attrsOf(attrs)) },
    { kernelName, backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const k = snnWasmOf(backend);
        return k === null ? jsImpl(backend as Backend, inputs, attrsOf(attrs)) : wasmImpl(k, inputs, attrsOf(attrs));
      } },
  ];
}

function filterGradAttrs(a: FilterGradAttrs): FilterGradAttrs {
  const strides = Array.isArray(a.strides) ? a.strides : [a.strides, a.strides];
  if (strides[0] !== 1 || strides[1] !== 1 || (a.dataFormat !== 'NHWC' && a.dataFormat !== undefined)) {
    throw new ConfigError(`Conv2DBackpropFilter on wasm (spikeguard): only stride 1, NHWC; got strides ${String(a.strides)}, ${a.dataFormat}`);
  }
  return a;
}

const KERNELS: tf.KernelConfig[] = [
  ...configs<LifKernelAttrs>(SnnLif, js.lifJs, wasm.lifWasm),
  ...configs<LifKernelAttrs>(SnnLifGrad, js.lifGradJs, wasm.lifGradWasm),
  ...configs<LifKernelAttrs>(SnnLifAvgPool2, js.lifAvgPool2Js, wasm.lifAvgPool2Wasm),
  ...configs<LifKernelAttrs>(SnnLifAvgPool2Grad, js.lifAvgPool2GradJs, wasm.lifAvgPool2GradWasm),
  ...configs<ConvAttrs>(SnnSpikeConv2d, (b, i, a) => js.spikeConv2dJs(b, i, a.pad), (k, i, a) => wasm.spikeConv2dWasm(k, i, a.pad)),
  ...configs<FilterGradAttrs>(SnnConv2dFilterGrad,
    (b, i, a) => js.convFilterGradJsKernel(b, i, a.filterShape, a.pad),
    (k, i, a) => wasm.convFilterGradWasm(k, i, a.filterShape, a.pad)),
  // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter: ours serves tf's own conv gradient too.
  ...configs<FilterGradAttrs>(tf.Conv2DBackpropFilter,
    (b, i, a) => js.convFilterGradJsKernel(b, i, filterGradAttrs(a).filterShape, a.pad),
    (k, i, a) => wasm.convFilterGradWasm(k, i, filterGradAttrs(a).filterShape, a.pad)).filter((c) => c.backendName === 'wasm'),
];

type Grads = Record<string, () => tf.Tensor>;

/** Both LIF kernels: one backward kernel gives both gradients, so it runs once, eagerly. */
function lifGradConfig(kernelName: string, gradKernel: string, dyName: string): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['current', 'v0'],
    gradFunc: (dys, [current, v0], attrs): Grads => {
      const [dOut, dV] = Array.isArray(dys) ? dys : [dys];
      const [dCurrent, dV0] = tf.engine().runKernel(gradKernel, { current: current!, v0: v0!, [dyName]: dOut!, dV: dV! }, attrs) as tf.Tensor[];
      return { current: () => dCurrent!, v0: () => dV0! };
    },
  };
}

const GRADIENTS: tf.GradConfig[] = [
  lifGradConfig(SnnLif, SnnLifGrad, 'dSpikes'),
  lifGradConfig(SnnLifAvgPool2, SnnLifAvgPool2Grad, 'dPooled'),
];

let registered = false;

/**
 * Registers the SNN kernels (cpu: JS; wasm: SIMD), the LIF kernels' gradients (spikeConv2d.ts
 * registers its own), and a `Conv2DBackpropFilter` for the wasm backend if it has none. Idempotent; runs on import of the kernel ops. Creates no tensors.
 * @example registerSnnKernels(); // then lifSequence(...) uses the kernels on cpu and wasm
 */
export function registerSnnKernels(): void {
  if (registered) return;
  for (const k of KERNELS) {
    if (tf.getKernel(k.kernelName, k.backendName) === undefined) tf.registerKernel(k);
  }
  registerMissing(GRADIENTS);
  registered = true;
}

registerSnnKernels();
