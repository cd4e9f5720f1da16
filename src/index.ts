/**
 * spikeguard: every layer's public API, top of the design first. Each layer is also a package
 * subpath (`spikeguard/events`, …, `spikeguard/pipelines`); unstable internals are only under
 * `spikeguard/internal`. The layers share no names (test/index.test.ts checks that none is
 * shadowed); the error classes of errors.ts, which aedat and snn also offer, are one binding each.
 */
export * from './errors.js';
export { writeFileAtomic } from './writeFileAtomic.js';
export * from './events/index.js';
export * from './aedat/index.js';
export * from './wire/index.js';
export * from './streams/index.js';
export * from './sources/index.js';
export * from './sinks/index.js';
export * from './transforms/index.js';
export * from './snn/index.js';
export * from './robust/index.js';
export * from './datasets/index.js';
export * from './report/index.js';
export * from '../pipelines/index.js';
