/**
 * Where a feed comes from: a TCP server to connect to, a WebSocket URL, or a local port on which
 * to wait for one sender that pushes its feed (`transport` default `'tcp'`).
 */
export type FeedTarget =
  | { readonly host: string; readonly port: number }
  | { readonly url: string }
  | { readonly listen: { readonly port: number; readonly host?: string; readonly transport?: 'tcp' | 'ws' } };

/** A target as text for messages: `tcp://h:p`, the URL, or `listen tcp://h:p`. */
export function describeTarget(t: FeedTarget): string {
  if ('url' in t) return t.url;
  if ('listen' in t) return `listen ${t.listen.transport ?? 'tcp'}://${t.listen.host ?? '127.0.0.1'}:${t.listen.port}`;
  return `tcp://${t.host}:${t.port}`;
}
