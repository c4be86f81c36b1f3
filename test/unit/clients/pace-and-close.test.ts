import { createServer, type Server } from 'http';
import type { AddressInfo, Socket } from 'net';
import { createClients } from '../../../provider/clients';
import { useLocalClients } from '../helpers/local-clients';
import { localSettings } from '../helpers/settings';

/**
 * Each vendor's calls are paced at that vendor's own rate setting, and closing the clients
 * closes their connections.
 */

const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const local = useLocalClients((req) =>
  req.url === TOKEN_PATH
    ? { body: { accessToken: 'token-abcdef123456', expireIn: 7200 } }
    : { body: { pluginInfoList: [], ChatConfigurations: [] } },
);

const queryPlugins = () => local.clients.robotPlugins.queryPlugins('robot-1');
const listConfigurations = () =>
  local.clients.oos.listChatConfigurations({ regionId: 'cn-hangzhou' });

describe('pace per vendor', () => {
  it('paces DingTalk calls at the DingTalk rate, not the Alibaba Cloud one', async () => {
    local.connect({ dingtalkRatePerSecond: 2, alicloudRatePerSecond: 1000 });
    for (let i = 0; i < 4; i++) await queryPlugins();
    expect(Math.max(0, ...local.clock.sleeps)).toBeGreaterThanOrEqual(400);
  });

  it('paces Alibaba Cloud calls at the Alibaba Cloud rate, not the DingTalk one', async () => {
    local.connect({ dingtalkRatePerSecond: 1000, alicloudRatePerSecond: 2 });
    for (let i = 0; i < 4; i++) await listConfigurations();
    expect(Math.max(0, ...local.clock.sleeps)).toBeGreaterThanOrEqual(400);
    const sleptBefore = local.clock.sleeps.length;
    for (let i = 0; i < 4; i++) await queryPlugins();
    expect(local.clock.sleeps.slice(sleptBefore).every((ms) => ms < 10)).toBe(true);
  });
});

describe('closing the clients', () => {
  it('closes the kept-alive connections their calls opened', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((_req, res) => res.end('{}'));
    server.on('connection', (socket) => sockets.push(socket));
    // Longer than the wait below: the server itself must not be the one to end the connection.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clients = createClients(() => localSettings(url));
    try {
      await clients.oos.listChatConfigurations({ regionId: 'cn-hangzhou' });
      expect(sockets).toHaveLength(1);
      const closed = new Promise<string>((resolve) =>
        sockets[0].once('close', () => resolve('closed')),
      );
      await clients.close();
      const outcome = await Promise.race([
        closed,
        new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 3000).unref()),
      ]);
      expect(outcome).toBe('closed');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
