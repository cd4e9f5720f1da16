/** Live event feeds in the spikeguard wire format over TCP and WebSocket. */
export { feedSource } from './feedSource.js';
export { feedMessages } from './feedMessages.js';
export type { FeedTarget } from './FeedTarget.js';
export type { FeedOptions, FeedMetrics } from './FeedOptions.js';
