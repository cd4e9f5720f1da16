/**
 * One cold measurement for test/bench/datasetLoad.ts, run in a fresh process: indexes a dataset
 * folder and decodes every sample's events with a `sampleReader`, lending (reused columns, as
 * training reads them) or owning (fresh arrays per sample). Prints one JSON line
 * {"files", "events", "seconds"}.
 *   npx tsx test/bench/datasetLoadRun.ts FOLDER LAYOUT [lend|own]
 */
import { openDatasetFolder, sampleReader, type DatasetLayout } from '../../src/datasets/index.js';

const [folder, layout, mode = 'lend'] = process.argv.slice(2) as [string, DatasetLayout, string?];
const start = performance.now();
const index = await openDatasetFolder(folder, { layout });
const read = sampleReader(index, { lend: mode === 'lend' });
let events = 0;
for (let i = 0; i < index.samples.length; i++) events += read(i).events.t.length;
console.log(JSON.stringify({ files: index.samples.length, events, seconds: (performance.now() - start) / 1000 }));
