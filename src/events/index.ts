export * from './EventBatch.js';
export * from './sliceByTime.js';
export * from './concatBatches.js';
export * from './filterEvents.js';
export * from './orientation.js';
