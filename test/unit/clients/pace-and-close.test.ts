import { createClients } from '../../../provider/clients';
import { connectionAfterClose } from '../helpers/kept-alive-server';
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
    const result = await connectionAfterClose((url) => {
      const clients = createClients(() => localSettings(url));
      return {
        call: () => clients.oos.listChatConfigurations({ regionId: 'cn-hangzhou' }),
        close: () => clients.close(),
      };
    });
    expect(result).toEqual({ connections: 1, outcome: 'closed' });
  });
});
