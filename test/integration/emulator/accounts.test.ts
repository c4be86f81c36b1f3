import { startEmulator, type RunningEmulator } from '../../../emulator';
import { alicloudClient, failure, rpc, useAlicloudEmulator } from './helpers';

/** Several Alibaba Cloud accounts: each key sees only its own account's objects. */
let emu: RunningEmulator;
let first: ReturnType<typeof alicloudClient>;
let second: ReturnType<typeof alicloudClient>;

const FIRST_ACCOUNT = '1407907063606569';
const SECOND_ACCOUNT = '2000000000000001';
const region = 'cn-hangzhou';
const configuration = JSON.stringify({ DingTalkClientId: 'id', DingTalkClientSecret: 'secret' });
const sendUrl = 'https://oapi.dingtalk.com/robot/send?access_token=abc';

useAlicloudEmulator(
  {
    accountId: FIRST_ACCOUNT,
    accounts: [
      {
        accountId: SECOND_ACCOUNT,
        accessKeys: [{ accessKeyId: 'second', accessKeySecret: 'second-secret' }],
      },
    ],
  },
  (started, client) => {
    emu = started;
    first = client;
    second = alicloudClient(started, { accessKeyId: 'second', accessKeySecret: 'second-secret' });
  },
);

function createConfiguration(client: typeof first, name: string) {
  return rpc(client, 'CreateChatConfiguration', {
    RegionId: region,
    Name: name,
    Type: 'DingTalk',
    Configuration: configuration,
  });
}

const names = (list: { Name: string }[]) => list.map((c) => c.Name).sort();

async function listedNames(client: typeof first): Promise<string[]> {
  return names(
    (await rpc(client, 'ListChatConfigurations', { RegionId: region })).ChatConfigurations,
  );
}

async function notificationIds(client: typeof first): Promise<number[]> {
  const page = await rpc(client, 'DescribeDingTalk', { PageSize: 100 });
  return page.ActionList.map((a: { Id: number }) => a.Id);
}

describe('OOS chat configurations of two accounts', () => {
  it('are listed, read and named per account, with each account in its webhook URL', async () => {
    await createConfiguration(first, 'shared-name');
    await createConfiguration(first, 'first-only');
    // The same name in the same region: names are unique per account only.
    await createConfiguration(second, 'shared-name');

    expect(await listedNames(first)).toEqual(['first-only', 'shared-name']);
    expect(await listedNames(second)).toEqual(['shared-name']);

    const ownRead = await rpc(second, 'GetChatConfiguration', {
      RegionId: region,
      Name: 'shared-name',
    });
    expect(JSON.parse(ownRead.ChatConfiguration.Outputs as string).URL).toMatch(
      new RegExp(`^https://${SECOND_ACCOUNT}\\.appflow\\.aliyunnest\\.com/webhook/`),
    );
    const firstRead = await rpc(first, 'GetChatConfiguration', {
      RegionId: region,
      Name: 'shared-name',
    });
    expect(JSON.parse(firstRead.ChatConfiguration.Outputs as string).URL).toContain(FIRST_ACCOUNT);

    // The control API still shows every account's objects, each with its owner.
    const owners = emu
      .state()
      .oos.chatConfigurations.map((c) => `${c.accountId}/${c.name}`)
      .sort();
    expect(owners).toEqual([
      `${FIRST_ACCOUNT}/first-only`,
      `${FIRST_ACCOUNT}/shared-name`,
      `${SECOND_ACCOUNT}/shared-name`,
    ]);
  });

  it("answer another account's name as missing to Get, Update and Delete", async () => {
    await createConfiguration(first, 'first-only');
    const byName = { RegionId: region, Name: 'first-only' };
    const calls = [
      rpc(second, 'GetChatConfiguration', byName),
      rpc(second, 'UpdateChatConfiguration', { ...byName, Type: 'WeChat' }),
      rpc(second, 'DeleteChatConfiguration', byName),
    ];
    for (const call of calls) {
      const error = await failure(call);
      expect({ status: error.statusCode, code: error.code }).toEqual({
        status: 404,
        code: 'EntityNotExists.ChatConfiguration',
      });
    }
    expect(emu.state().oos.chatConfigurations.map((c) => [c.name, c.type])).toEqual([
      ['first-only', 'DingTalk'],
    ]);
  });
});

describe('Security Center notifications of two accounts', () => {
  it('are described per account, with its AliUid', async () => {
    await rpc(first, 'CreateOrUpdateDingTalk', { RuleActionName: 'first-rule', SendUrl: sendUrl });
    await rpc(second, 'CreateOrUpdateDingTalk', {
      RuleActionName: 'second-rule',
      SendUrl: sendUrl,
    });

    const seen = await rpc(second, 'DescribeDingTalk', {});
    expect(seen.PageInfo.TotalCount).toBe(1);
    expect(
      seen.ActionList.map((a: { ActionName: string; AliUid: number }) => [a.ActionName, a.AliUid]),
    ).toEqual([['second-rule', Number(SECOND_ACCOUNT)]]);
    const firstSeen = await rpc(first, 'DescribeDingTalk', {});
    expect(firstSeen.ActionList.map((a: { AliUid: number }) => a.AliUid)).toEqual([
      Number(FIRST_ACCOUNT),
    ]);
    expect(emu.state().securityCenter.notifications.map((n) => n.accountId)).toEqual([
      FIRST_ACCOUNT,
      SECOND_ACCOUNT,
    ]);
  });

  it("answer another account's Id as unknown and leave it alone", async () => {
    await rpc(first, 'CreateOrUpdateDingTalk', { RuleActionName: 'first-rule', SendUrl: sendUrl });
    const [id] = await notificationIds(first);
    const foreign = [
      rpc(second, 'ModifyDingTalkStatus', { Ids: String(id), Status: 0 }),
      rpc(second, 'DingTalkOnlineTest', { Id: id }),
      rpc(second, 'CreateOrUpdateDingTalk', { Id: id, RuleActionName: 'taken', SendUrl: sendUrl }),
    ];
    for (const call of foreign) {
      const error = await failure(call);
      expect({ status: error.statusCode, code: error.code }).toEqual({
        status: 400,
        code: 'DingTalkNotExist',
      });
    }
    // Delete ignores unknown ids, another account's included: the notification stays.
    await rpc(second, 'DeleteDingTalk', { Ids: String(id) });
    expect(await notificationIds(first)).toEqual([id]);
    expect(emu.state().securityCenter.notifications[0]).toMatchObject({
      ruleActionName: 'first-rule',
      status: 1,
    });
    expect(emu.state().securityCenter.testMessages).toEqual([]);
  });
});

describe('the request log', () => {
  it("shows each call's account next to its principal", async () => {
    emu.clearRequests();
    await listedNames(first);
    await listedNames(second);
    const calls = emu.requests().requests.map((r) => [r.principal, r.account]);
    expect(calls).toEqual([
      ['test', FIRST_ACCOUNT],
      ['second', SECOND_ACCOUNT],
    ]);
  });
});

describe('the accounts option', () => {
  it('refuses a key that two accounts would share', async () => {
    await expect(
      startEmulator({
        accounts: [
          {
            accountId: SECOND_ACCOUNT,
            accessKeys: [{ accessKeyId: 'test', accessKeySecret: 'x' }],
          },
        ],
      }),
    ).rejects.toThrow('access key test already belongs to account 1234567890123456');
  });
});
