import net from 'node:net';
import tls from 'node:tls';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  blockedConnections,
  clearBlockedConnections,
  GUARD_PROBE_SUFFIX,
  isAllowedHost,
} from '../support/network-guard';

// The guard that every test file runs under (jest.config.js setupFiles): it must refuse the
// ECS metadata address by every route a connection can take, before anything is sent, and let
// loopback through.

/** The guard's own probe: refused like the metadata service, but resolves to nothing. */
const PROBE_HOST = `metadata${GUARD_PROBE_SUFFIX}`;
const METADATA_HOST = '100.100.100.200';

function failure(socket: net.Socket): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve, reject) => {
    socket.once('error', resolve);
    socket.once('connect', () => reject(new Error('connected')));
  });
}

afterEach(() => clearBlockedConnections());

describe('the test network guard', () => {
  it('is installed and turns the ECS metadata path off for every test', () => {
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe('true');
    expect(blockedConnections()).toEqual([]);
  });

  // The connection tests use a probe name the guard refuses, never a real address: should
  // the guard fail, the name resolves to nothing and no packet leaves.
  it('refuses net.connect before a packet leaves', async () => {
    const socket = net.connect({ host: PROBE_HOST, port: 80 });
    const error = await failure(socket);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toContain('test network guard');
    expect(blockedConnections()).toEqual([{ host: PROBE_HOST, port: 80 }]);
  });

  it('refuses the (port, host) form and TLS', async () => {
    await failure(net.connect(80, PROBE_HOST));
    await failure(tls.connect({ host: PROBE_HOST, port: 443 }));
    expect(blockedConnections().map((b) => b.host)).toEqual([PROBE_HOST, PROBE_HOST]);
  });

  it("refuses the platform's fetch (undici inside Node)", async () => {
    await expect(fetch(`http://${PROBE_HOST}/latest/meta-data/`)).rejects.toThrow();
    expect(blockedConnections()).toEqual([{ host: PROBE_HOST, port: 80 }]);
  });

  it('lets loopback through', async () => {
    const server: Server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(await res.text()).toBe('ok');
      expect(blockedConnections()).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('allows only loopback addresses and names that never resolve', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'api.invalid']) {
      expect(isAllowedHost(host)).toBe(true);
    }
    for (const host of [
      METADATA_HOST,
      PROBE_HOST,
      'sts.aliyuncs.com',
      'localhost.example.com',
      '0.0.0.0',
      'invalid.com',
    ]) {
      expect(isAllowedHost(host)).toBe(false);
    }
  });
});
