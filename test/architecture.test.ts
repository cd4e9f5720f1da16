import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/samples.js';

/** Layers of ../shared/DESIGN.md, top first: a layer imports only from layers above it. */
const LAYERS = ['events', 'aedat', 'wire', 'streams', 'sources', 'sinks', 'transforms', 'snn', 'robust', 'datasets', 'report', 'cli'];
const SRC = join(REPO_ROOT, 'src');
const PIPELINES = join(REPO_ROOT, 'pipelines');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers a file imports: static (with or without bindings), re-exports and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const staticSpecs = [...text.matchAll(/^\s*(?:import|export)\s(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)];
  const dynamicSpecs = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...staticSpecs, ...dynamicSpecs].map((m) => m[1]!);
}

/**
 * Layer of a file under src/: files at the top level (errors.ts) are above every layer, except
 * the package's barrel index.ts, which re-exports layers and so sits below them all.
 */
function layerOf(file: string): number {
  const top = relative(SRC, file).split(sep)[0]!;
  if (top === 'index.ts') return LAYERS.length;
  return top.endsWith('.ts') ? -1 : LAYERS.indexOf(top);
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('every src folder is a known layer', () => {
    for (const f of files) expect(layerOf(f), relative(SRC, f)).toBeGreaterThanOrEqual(-1);
  });

  it('layers import only from layers above them', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(f).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(f), spec);
        // DESIGN: src/cli and pipelines/ wire everything together, so the CLI may run a pipeline;
        // the package barrel (below every layer) re-exports the pipelines too.
        const wiresPipeline = layerOf(f) >= LAYERS.indexOf('cli') && target.startsWith(PIPELINES);
        if (!wiresPipeline && (!target.startsWith(SRC) || layerOf(target) > layerOf(f))) bad.push(`${relative(SRC, f)} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the aedat-parser needs neither tfjs, RxJS nor Node outside src/aedat/node', () => {
    const bad: string[] = [];
    for (const f of files.filter((x) => relative(SRC, x).startsWith(`aedat${sep}`))) {
      const inNode = relative(SRC, f).startsWith(join('aedat', 'node'));
      for (const spec of importsOf(f)) {
        if (/^@tensorflow|^rxjs/.test(spec) || (!inNode && /^node:|^(fs|path|zlib|crypto)$/.test(spec))) {
          bad.push(`${relative(SRC, f)} -> ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("no layer re-exports another layer's names (src/index.ts, the package barrel, may)", () => {
    const bad: string[] = [];
    for (const f of files.filter((x) => layerOf(x) >= 0 && layerOf(x) < LAYERS.length)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*export\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
        const target = resolve(dirname(f), m[1]!);
        if (layerOf(target) >= 0 && layerOf(target) !== layerOf(f)) bad.push(`${relative(SRC, f)} -> ${m[1]!}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('tfjs is imported only from snn and the layers below it', () => {
    const firstTfLayer = LAYERS.indexOf('snn');
    const bad = files
      .filter((f) => layerOf(f) < firstTfLayer)
      .flatMap((f) => importsOf(f).filter((spec) => /^@tensorflow\//.test(spec)).map((spec) => `${relative(SRC, f)} -> ${spec}`));
    expect(bad).toEqual([]);
  });
});
