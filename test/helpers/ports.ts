import { type Server, createServer } from 'node:net';

/** Resolves true when `port` can be bound again on loopback (nothing is left listening on it). */
export function canBind(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe: Server = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}
