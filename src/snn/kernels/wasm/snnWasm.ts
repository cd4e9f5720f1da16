import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { shareWasmIdentity } from './shareIdentity.js';
import { SNN_WASM_BASE64 } from './snnKernelsWasm.generated.js';

/** The tfjs version whose wasm-backend internals these kernels were written against. */
export const PINNED_TFJS_VERSION = '4.22.0';

/** Functions of snnKernels.c; pointers are byte offsets into tfjs's heap, sizes element counts. */
export interface SnnWasmExports {
  exp_nonpos(x: number, out: number, n: number): void;
  lif_forward(I: number, v0: number, S: number, V: number, T: number, N: number, tau: number, theta: number, hard: number): void;
  lif_backward(I: number, v0: number, dS: number, dV: number, dI: number, dv0: number, T: number, N: number,
    tau: number, theta: number, hard: number, detach: number, kind: number, a: number, b: number): void;
  lif_pool_forward(I: number, v0: number, P: number, V: number, T: number, B: number, H: number, W: number, C: number,
    tau: number, theta: number, hard: number): void;
  lif_pool_backward(I: number, v0: number, dP: number, dV: number, dI: number, dv0: number, T: number, B: number,
    H: number, W: number, C: number, tau: number, theta: number, hard: number, detach: number, kind: number, a: number, b: number): void;
  spike_conv_forward(x: number, w: number, y: number, N: number, H: number, W: number, Cin: number, KH: number,
    KW: number, Cout: number, Ho: number, Wo: number, pt: number, pl: number): void;
  conv_filter_grad(x: number, dy: number, dw: number, N: number, H: number, W: number, Cin: number, KH: number,
    KW: number, Cout: number, Ho: number, Wo: number, pt: number, pl: number): void;
  count_nonzero(x: number, n: number): number;
}

/** The kernels bound to one tfjs wasm backend: its heap, tensor addresses and output allocation. */
export interface SnnWasm {
  readonly fns: SnnWasmExports;
  /** Byte offset of a tensor's data in the heap. */
  offsetOf(t: tf.TensorInfo): number;
  /** A new float32 tensor on the heap (contents undefined) and its byte offset. */
  output(shape: number[]): { info: tf.TensorInfo; offset: number };
  /** Runs one of tfjs-backend-wasm's own kernels on this backend (e.g. XNNPACK's Conv2D). */
  builtin(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): tf.TensorInfo | tf.TensorInfo[];
}

/** The parts of the WebAssembly JS API used here (the project's TS libs do not declare it). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => { readonly buffer: unknown };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** The parts of tfjs-backend-wasm 4.22's `BackendWasm` the kernels rely on. */
interface WasmInternals {
  wasm: { asm: { memory: object } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

const bound = new WeakMap<object, SnnWasm | null>();
const warned = new Set<string>();
let compiled: object | undefined;

/**
 * The SIMD kernels bound to `backend` (a tfjs wasm backend), or null, with one warning on stderr,
 * when tfjs is not the pinned version or its internals are not as expected; callers then take the
 * slow path. Checked and instantiated once per backend; the first success also makes wasm's
 * Identity share data (shareIdentity.ts).
 * @example const k = snnWasmOf(tf.backend()); if (k) k.fns.lif_forward(...);
 */
export function snnWasmOf(backend: object): SnnWasm | null {
  let k = bound.get(backend);
  if (k === undefined) {
    const problem = internalsProblem(backend);
    const api = wasmApi();
    k = problem === null && api !== undefined ? bind(backend as WasmInternals, api) : null;
    if (k !== null) shareWasmIdentity();
    if (problem !== null && !warned.has(problem)) {
      warned.add(problem);
      console.error(`spikeguard: SNN wasm kernels disabled (${problem}); using the slower path`);
    }
    bound.set(backend, k);
  }
  return k;
}

/** Why `backend` cannot host the kernels, or null if it can. */
function internalsProblem(backend: object): string | null {
  if (tf.version_core !== PINNED_TFJS_VERSION) return `tfjs-core ${tf.version_core}, kernels pinned to ${PINNED_TFJS_VERSION}`;
  const wasmVersion = installedWasmVersion();
  if (wasmVersion !== PINNED_TFJS_VERSION) return `tfjs-backend-wasm ${wasmVersion}, kernels pinned to ${PINNED_TFJS_VERSION}`;
  const api = wasmApi();
  if (api === undefined) return 'WebAssembly unavailable';
  const b = backend as Partial<Record<string, unknown>>;
  const wasm = b['wasm'] as { asm?: { memory?: unknown } } | undefined;
  const memory = wasm?.asm?.memory;
  if (!(memory instanceof api.Memory)) return 'backend.wasm.asm.memory is not a WebAssembly.Memory';
  if (!(memory.buffer instanceof ArrayBuffer)) return 'shared (threaded) wasm memory is not supported';
  const map = b['dataIdMap'] as { get?: unknown } | undefined;
  if (typeof map?.get !== 'function' || typeof b['makeOutput'] !== 'function') return 'backend.dataIdMap/makeOutput missing';
  return null;
}

function installedWasmVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)('@tensorflow/tfjs-backend-wasm/package.json');
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
  } catch {
    return 'not installed';
  }
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function bind(b: WasmInternals, api: WasmApi): SnnWasm {
  compiled ??= new api.Module(Uint8Array.from(atob(SNN_WASM_BASE64), (c) => c.charCodeAt(0)));
  const instance = new api.Instance(compiled, { env: { memory: b.wasm.asm.memory } });
  const offsetOf = (t: tf.TensorInfo): number => {
    const data = b.dataIdMap.get(t.dataId);
    if (data === undefined) throw new Error(`tensor ${String(t.dataId)} is not on this wasm backend`);
    return data.memoryOffset;
  };
  return {
    fns: instance.exports as unknown as SnnWasmExports,
    offsetOf,
    output: (shape) => {
      const info = b.makeOutput(shape, 'float32');
      return { info, offset: offsetOf(info) };
    },
    builtin: (kernelName, inputs, attrs) => {
      const kernel = tf.getKernel(kernelName, 'wasm');
      if (kernel === undefined) throw new Error(`tfjs-backend-wasm has no ${kernelName} kernel`);
      return kernel.kernelFunc({ inputs, attrs, backend: b as unknown as tf.KernelBackend });
    },
  };
}
