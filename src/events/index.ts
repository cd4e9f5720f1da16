export * from './EventBatch.js';
export * from './sliceByTime.js';
export * from './concatBatches.js';
export * from './filterEvents.js';
export * from './orientation.js';
export type { Rng } from './Rng.js';
export * from './seededRng.js';
export * from './poisson.js';
