/** Datasets: generated event-camera tasks (moving bars, saccade digits) for training and audits. */
export { movingBars, BAR_DIRECTIONS, type MovingBarsOptions } from './movingBars.js';
export { saccadeDigits, DIGIT_CLASSES, type SaccadeDigitsOptions, type SaccadeDigitsSet } from './saccadeDigits/saccadeDigits.js';
export { generateSaccadeDigit } from './saccadeDigits/generateSaccadeDigit.js';
export { SACCADE_DEFAULTS, GENERATOR_VERSION, checkSaccadeParams, type SaccadeParams } from './saccadeDigits/SaccadeParams.js';
export { saccadeOffset, sampleDurationUs } from './saccadeDigits/saccadePath.js';
export { splitIndices, SACCADE_SPLITS, HELD_OUT, type SaccadeSplit } from './saccadeDigits/splits.js';
export { mnistDigits, MNIST_SIDE, type MnistDigits } from './saccadeDigits/mnistDigits.js';
export { defaultCacheDir } from './saccadeDigits/frameCache.js';
export { exportSaccadeDigits, type ExportFormat, type ExportOptions, type ExportedFile } from './saccadeDigits/exportSaccadeDigits.js';
export * from './folders/index.js';
