/** Datasets: synthetic event-camera tasks generated in memory (more loaders arrive with later issues). */
export { movingBars, BAR_DIRECTIONS, type MovingBarsOptions } from './movingBars.js';
