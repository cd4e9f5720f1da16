import { LZ4_WASM_BASE64 } from './lz4Wasm.generated.js';

/** Return codes of the kernels' `block` and `stored` (>= 0: the new output address). */
export const WASM_RESULT = { overLimit: -1, malformed: -2, outOfMemory: -3 } as const;
/** Bytes a kernel may write past the end of a copy (`$SLACK` in lz4.wat). */
export const WASM_SLACK = 32;
/** Memory never grows past this (32767 pages), so every address is a positive i32. */
export const WASM_MAX_BYTES = 32767 * 65536;

/** The exports of lz4.wat (see there for the contracts). */
export interface Lz4WasmExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** Grows memory so that `[0, need + slack)` is addressable. @returns 1, or 0 when it cannot. */
  reserve(need: number): number;
  stored(s: number, n: number, d: number): number;
  block(s: number, sEnd: number, d: number, limit: number, base: number): number;
  events(src: number, n: number, width: number, height: number, col: number): number;
  /** @returns [events kept, overflow records] */
  nbin(src: number, n: number, width: number, height: number, col: number, base: number): [number, number];
  /** @returns [events kept, imu, aps, external, outside] */
  aedat2(src: number, n: number, davis: number, width: number, height: number, col: number): [number, number, number, number, number];
  /** @returns [events kept, last raw time (as int32), wrap offset in µs] */
  dat(src: number, n: number, width: number, height: number, col: number, last: number, wrapUs: number): [number, number, number];
}

/** The parts of the WebAssembly JS API used here (the project's TS libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  compile?: (bytes: Uint8Array) => Promise<object>;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** Memory above which a fresh instance replaces the current one at the next frame. */
const RETAIN_BYTES = 16 * 1024 * 1024;

let compiled: object | null | undefined; // undefined: not tried yet; null: unavailable
let current: Lz4WasmExports | null = null;

/**
 * The WebAssembly kernels, compiled and instantiated synchronously on first use (the module is
 * ~1 KB), or null where WebAssembly is unavailable or refuses the module. One instance serves
 * every decoder: each call leaves nothing behind that another decoder's call could need, except
 * the output view, which callers consume before the next call.
 * @param fresh a new frame starts: when the last one grew memory past 16 MiB, a new instance
 *   (1 page) replaces it, so one huge packet does not pin its memory for the process lifetime.
 */
export function wasmKernels(fresh = false): Lz4WasmExports | null {
  if (compiled === undefined) compiled = compile();
  if (compiled === null) return null;
  if (current === null || (fresh && current.memory.buffer.byteLength > RETAIN_BYTES)) {
    try {
      current = instantiate(compiled);
    } catch {
      compiled = null; // e.g. no address space for the memory: the JS path serves from now on
      current = null;
    }
  }
  return current;
}

/**
 * Compiles the kernels off the main thread, for a caller that will decode soon and has something
 * else to wait for meanwhile (indexing a dataset folder): the synchronous compile on first use
 * (~1 ms) is then skipped. Never rejects; where the asynchronous compile fails, first use decides.
 */
export async function compileWasmKernelsAhead(): Promise<void> {
  const compile = wasmApi()?.compile;
  if (compiled !== undefined || compile === undefined) return;
  try {
    const module = await compile(base64Bytes(LZ4_WASM_BASE64));
    compiled ??= module;
  } catch {
    // first use compiles synchronously and falls back to JS if that fails too
  }
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function compile(): object | null {
  const api = wasmApi();
  if (api === undefined) return null;
  try {
    return new api.Module(base64Bytes(LZ4_WASM_BASE64));
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': the JS path serves
  }
}

function instantiate(module: object): Lz4WasmExports {
  const api = wasmApi()!;
  const ex = new api.Instance(module, {}).exports;
  const fn = (name: string) => {
    const f = ex[name];
    if (typeof f !== 'function') throw new TypeError(`lz4.wat exports no function ${name}`);
    return f as (...args: number[]) => number;
  };
  const memory = ex['memory'] as { buffer: ArrayBuffer };
  // several results come as an array
  const nbin = fn('nbin') as unknown as Lz4WasmExports['nbin'];
  const aedat2 = fn('aedat2') as unknown as Lz4WasmExports['aedat2'];
  const dat = fn('dat') as unknown as Lz4WasmExports['dat'];
  return { memory, reserve: fn('reserve'), stored: fn('stored'), block: fn('block'), events: fn('events'), nbin, aedat2, dat };
}

/** Decodes base64 without Buffer (atob exists in browsers and Node >= 16). */
function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
