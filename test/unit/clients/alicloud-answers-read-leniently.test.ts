import { redact } from '../../../provider/http/redact';
import { useLocalClients } from '../helpers/local-clients';
import type { RecordedRequest, Reply } from '../helpers/local-server';

/**
 * What the OOS and Security Center clients make of answers that are thin, odd or partly
 * broken, and which of the values they read become secrets that no log line or error shows.
 */

const REGION = 'cn-hangzhou';
let answer: (req: RecordedRequest) => Reply;
const local = useLocalClients((req) => answer(req));
const actions = () => local.server.requests.map((r) => r.headers['x-acs-action']);

describe('OOS answers', () => {
  it('reads a configuration whose answer leaves the name out under the name asked for', async () => {
    answer = () => ({ body: { ChatConfiguration: { Type: 'DingTalk' } } });
    await expect(
      local.clients.oos.getChatConfiguration({ regionId: REGION, name: 'ops-bot' }),
    ).resolves.toMatchObject({ name: 'ops-bot', type: 'DingTalk' });
  });

  it('lists only the items that are objects, with their RAM role, and a missing name as empty', async () => {
    answer = () => ({
      body: {
        ChatConfigurations: [
          null,
          'junk',
          { Name: 'ops-bot', Type: 'WeCom', RamRole: 'OOSServiceRole' },
          { Type: 'DingTalk' },
        ],
      },
    });
    const { items } = await local.clients.oos.listChatConfigurations({ regionId: REGION });
    expect(items).toStrictEqual([
      { name: 'ops-bot', type: 'WeCom', ramRole: 'OOSServiceRole', outputs: {} },
      { name: '', type: 'DingTalk', outputs: {} },
    ]);
  });

  it('keeps every credential it reads or sends out of logs, and nothing else', async () => {
    const aesKey = 'AESKEY-read-from-get-3c1d9e';
    const listedToken = 'TOKEN-read-from-list-8f2a6b';
    const secret = 'CLIENTSECRET-sent-on-create-5e7a0c';
    const [outputHost, listedHost, clientId] = [
      'visible-output-host-1',
      'visible-listed-host-2',
      'visible-client-id-3',
    ];
    answer = (req) =>
      req.headers['x-acs-action'] === 'ListChatConfigurations'
        ? {
            body: {
              ChatConfigurations: [
                { Name: 'b', Outputs: { Token: listedToken, Host: listedHost } },
              ],
            },
          }
        : {
            body: {
              Name: 'a',
              ChatConfiguration: { Name: 'a', Outputs: { AesKey: aesKey, Host: outputHost } },
            },
          };
    await local.clients.oos.createChatConfiguration({
      regionId: REGION,
      name: 'a',
      type: 'DingTalk',
      configuration: { ClientId: clientId, ClientSecret: secret },
    });
    await local.clients.oos.getChatConfiguration({ regionId: REGION, name: 'a' });
    await local.clients.oos.listChatConfigurations({ regionId: REGION });

    const line = `failed near ${aesKey} ${listedToken} ${secret} ${outputHost} ${listedHost} ${clientId}`;
    const logged = redact(line);
    for (const hidden of [aesKey, listedToken, secret]) expect(logged).not.toContain(hidden);
    for (const shown of [outputHost, listedHost, clientId]) expect(logged).toContain(shown);
  });
});

describe('Security Center answers', () => {
  const spec = {
    ruleActionName: 'alerts',
    intervalTime: 0,
    language: 'zh' as const,
    groupIds: [],
    config: [],
  };

  it('reads items with fields left out as empty, skipping what is not an object', async () => {
    answer = () => ({
      body: {
        ActionList: [
          7,
          { Id: 3, ConfigList: JSON.stringify([null, { configItemList: [null, {}] }]) },
        ],
      },
    });
    const { items } = await local.clients.securityCenter.describeDingTalk(REGION, {});
    expect(items).toStrictEqual([
      {
        id: 3,
        ruleActionName: '',
        sendUrl: '',
        enabled: false,
        intervalTime: 0,
        language: 'zh',
        groupIds: [],
        config: [{ type: '', items: [{ key: '', values: [] }] }],
      },
    ]);
  });

  it('takes the page asked for, or the first, when the answer has no page information', async () => {
    answer = () => ({ body: { ActionList: [] } });
    const asked = await local.clients.securityCenter.describeDingTalk(REGION, { currentPage: 4 });
    const first = await local.clients.securityCenter.describeDingTalk(REGION, {});
    expect([asked.currentPage, first.currentPage]).toEqual([4, 1]);
    answer = () => ({ body: { ActionList: [], PageInfo: { CurrentPage: 2 } } });
    const told = await local.clients.securityCenter.describeDingTalk(REGION, { currentPage: 4 });
    expect(told.currentPage).toBe(2);
  });

  it('stops looking by name at an empty page, whatever total the answer claims', async () => {
    answer = () => ({ body: { ActionList: [], PageInfo: { TotalCount: 5000 } } });
    await expect(
      local.clients.securityCenter.findDingTalkByName(REGION, 'alerts'),
    ).resolves.toEqual([]);
    expect(actions()).toEqual(['DescribeDingTalk']);
  });

  it('sends nothing to change the status of no notification', async () => {
    await local.clients.securityCenter.modifyDingTalkStatus(REGION, [], true);
    await local.clients.securityCenter.deleteDingTalk(REGION, []);
    expect(actions()).toEqual([]);
  });

  it('keeps the webhook token and signing secret it sends or reads out of logs', async () => {
    const sent = 'SENTTOKEN4b8e2d';
    const sentSecret = 'SENTSIGNING7c1f3a';
    const read = 'READTOKEN9a6d0e';
    const readSecret = 'READSIGNING2e5b8c';
    answer = () => ({
      body: {
        ActionList: [
          {
            Id: 1,
            Url: `https://oapi.dingtalk.com/robot/send?access_token=${read}&secret=${readSecret}`,
          },
        ],
      },
    });
    await local.clients.securityCenter.createOrUpdateDingTalk(REGION, {
      ...spec,
      sendUrl: `https://oapi.dingtalk.com/robot/send?secret=${sentSecret}&access_token=${sent}`,
    });
    await local.clients.securityCenter.describeDingTalk(REGION, {});
    // Each alone, as a log line quoting just the token would carry it.
    for (const value of [sent, sentSecret, read, readSecret]) {
      expect(redact(`token ${value} in a line`)).not.toContain(value);
    }
  });
});
