/** Event feeds out: a server for every client that connects, and a sender that pushes. */
export { serveFeed } from './serveFeed.js';
export { sendFeed, type SendFeedOptions, type SendFeedMetrics, type SendTarget } from './sendFeed.js';
export type { ServeFeedOptions, ServeFeedMetrics, FeedServer } from './ServeFeedOptions.js';
export { DEFAULT_PEER_BOUNDS } from './ServeFeedOptions.js';
export type { PeerMetrics, PeerBounds } from './FramePeer.js';
export type { FeedEncoderOptions } from './FeedEncoder.js';
