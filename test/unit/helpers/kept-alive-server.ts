import { createServer, type Server } from 'http';
import type { AddressInfo, Socket } from 'net';

/** Something that calls a server over kept-alive connections, and can be closed. */
export interface Caller {
  call(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Makes one call through the caller `open` builds for a local server's URL, closes the caller,
 * and tells whether that ended the connection the call opened. The server keeps idle
 * connections for a minute, longer than the wait here: it must not be the one to end them.
 */
export async function connectionAfterClose(
  open: (url: string) => Caller,
): Promise<{ connections: number; outcome: 'closed' | 'still open' }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((_req, res) => res.end('{}'));
  server.on('connection', (socket) => sockets.push(socket));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const caller = open(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    await caller.call();
    const closed = new Promise<'closed'>((resolve) =>
      sockets[0]?.once('close', () => resolve('closed')),
    );
    await caller.close();
    const outcome = await Promise.race([
      closed,
      new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 3000).unref()),
    ]);
    return { connections: sockets.length, outcome };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
