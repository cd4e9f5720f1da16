/** spikeguard: the event model and the aedat-parser (more layers arrive with later issues). */
export * from './events/index.js';
export * from './aedat/index.js';
