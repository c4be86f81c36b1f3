import net from 'node:net';
import tls from 'node:tls';

/**
 * Spies on every way Node opens a connection (undici goes through `net.connect` /
 * `tls.connect`), so a test can assert that nothing was dialled.
 */
export function watchConnections(): { count(): number; restore(): void } {
  const spies = [
    jest.spyOn(net, 'connect'),
    jest.spyOn(net, 'createConnection'),
    jest.spyOn(tls, 'connect'),
    jest.spyOn(net.Socket.prototype, 'connect'),
  ];
  return {
    count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
