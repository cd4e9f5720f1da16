/**
 * One cold measurement for test/bench/datasetLoad.ts, run in a fresh process: indexes a dataset
 * folder and decodes every sample's events as training does (`openDatasetFolder` +
 * `readSampleEvents`). Prints one JSON line {"files", "events", "seconds"}.
 *   npx tsx test/bench/datasetLoadRun.ts FOLDER LAYOUT
 */
import { openDatasetFolder, readSampleEvents, type DatasetLayout } from '../../src/datasets/index.js';

const [folder, layout] = process.argv.slice(2) as [string, DatasetLayout];
const start = performance.now();
const index = await openDatasetFolder(folder, { layout });
let events = 0;
for (let i = 0; i < index.samples.length; i++) events += readSampleEvents(index, i).events.t.length;
console.log(JSON.stringify({ files: index.samples.length, events, seconds: (performance.now() - start) / 1000 }));
