import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import * as internal from '../src/snn/internal.js';
import { REPO_ROOT } from './helpers/samples.js';

/** Each layer's barrel (the package subpath) and one representative name of its public API. */
const LAYERS: Readonly<Record<string, readonly [() => Promise<Record<string, unknown>>, string]>> = {
  events: [() => import('../src/events/index.js'), 'concatBatches'],
  aedat: [() => import('../src/aedat/index.js'), 'openDecoder'],
  wire: [() => import('../src/wire/index.js'), 'encodeMessage'],
  streams: [() => import('../src/streams/index.js'), 'createValve'],
  sources: [() => import('../src/sources/index.js'), 'replayFile'],
  sinks: [() => import('../src/sinks/index.js'), 'serveFeed'],
  transforms: [() => import('../src/transforms/index.js'), 'binFrames'],
  snn: [() => import('../src/snn/index.js'), 'buildModel'],
  robust: [() => import('../src/robust/index.js'), 'fgsm'],
  datasets: [() => import('../src/datasets/index.js'), 'movingBars'],
  report: [() => import('../src/report/index.js'), 'writeAuditReport'],
  pipelines: [() => import('../pipelines/index.js'), 'classifyWindows'],
};

/** Unstable plumbing that only `spikeguard/internal` offers. */
const INTERNALS = [
  'loadWasm', 'wasmBinaryFolder', 'WASM_BINARIES', 'measureSnn', 'hasFastPath', 'registerSnnKernels', 'snnWasmOf', 'PINNED_TFJS_VERSION',
  'registerNeuronGradients', 'registerLayerGradients', 'SnnLif', 'conv2dInputGrad',
];

/** Error classes caught inside their layer and rethrown as a `DecodeError`: never seen by callers. */
const CAUGHT_INSIDE = ['Aedat4BodyError', 'XmlSyntaxError'];
/** The command's own errors end as its exit message, not in a library call. */
const COMMAND = 'cli';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `[class name, layer folder or '' for src/errors.ts]` of every error class declared under src/. */
function errorClasses(): [string, string][] {
  const src = join(REPO_ROOT, 'src');
  return sourceFiles(src).flatMap((f) => {
    const layer = relative(src, f).split(sep).length > 1 ? relative(src, f).split(sep)[0]! : '';
    return [...readFileSync(f, 'utf8').matchAll(/^export class (\w+Error) extends/gm)].map((m): [string, string] => [m[1]!, layer]);
  });
}

describe('the package barrel', () => {
  it.each(Object.entries(LAYERS))('exports %s with every runtime name of its barrel, unshadowed', async (_, [load, name]) => {
    const layer = await load();
    expect(typeof (root as Record<string, unknown>)[name]).not.toBe('undefined');
    // An `export *` clash silently drops the name from the root: each must be the layer's own object.
    for (const [key, value] of Object.entries(layer)) expect((root as Record<string, unknown>)[key], key).toBe(value);
  });

  it('offers no internals; spikeguard/internal does', async () => {
    const snn = await LAYERS.snn![0]();
    for (const name of INTERNALS) {
      expect(name in root, name).toBe(false);
      expect(name in snn, name).toBe(false);
      expect(name in internal, name).toBe(true);
    }
  });

  it('exports every error class callers can meet, at the root and from its layer', async () => {
    const found = errorClasses().filter(([name, layer]) => !CAUGHT_INSIDE.includes(name) && layer !== COMMAND);
    expect(found.map(([n]) => n)).toEqual(expect.arrayContaining(['BackendError', 'CheckpointError', 'WorkerError', 'FlowOverflowError', 'FileReadError', 'ReportError', 'AuditAbortedError']));
    for (const [name, layer] of found) {
      const cls = (root as Record<string, unknown>)[name];
      expect(typeof cls, name).toBe('function');
      if (layer !== '') expect((await LAYERS[layer]![0]())[name], `${layer}: ${name}`).toBe(cls);
    }
    expect((await LAYERS.snn![0]()).BackendError).toBe(root.BackendError);
  });
});
