/** Live AEDAT 4.0 network streams served from event batches or recordings (a stand-in DV camera). */
export { serveAedat4, type Aedat4Server } from './serveAedat4.js';
export type { ServeOptions, ServerMetrics } from './ServeOptions.js';
export { ClientSet, type ClientPolicy } from './ClientSet.js';
export { sensorOfFile, fileReplay } from './fileInput.js';
