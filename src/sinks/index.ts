/** Sinks: the reverse of sources — event streams served to sockets and files. */
export * from './aedat4Net/index.js';
export * from './feed/index.js';
export { serveMessages, type MessageServer, type ServeMessagesOptions } from './messages/serveMessages.js';
