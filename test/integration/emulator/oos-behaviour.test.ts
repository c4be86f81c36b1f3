import { startEmulator, type RunningEmulator } from '../../../emulator';
import { alicloudClient, failure, rpc, useAlicloudEmulator } from './helpers';

/** The documented behaviour and quirks of the OOS chat configuration API. */
let emu: RunningEmulator;
let client: ReturnType<typeof alicloudClient>;

const region = 'cn-hangzhou';
const dingtalkConfiguration = JSON.stringify({
  DingTalkClientId: 'dingpxlbxp0rgs7uxmtb',
  DingTalkClientSecret: 'the-real-client-secret',
  DingTalkTemplateId: '381c5aee-f8af-48a4-94be-cce587e42ea4.schema',
});

function create(name: string, extra: Record<string, unknown> = {}) {
  return rpc(client, 'CreateChatConfiguration', {
    RegionId: region,
    Name: name,
    Type: 'DingTalk',
    Configuration: dingtalkConfiguration,
    ...extra,
  });
}

useAlicloudEmulator({ accountId: '1407907063606569' }, (started, startedClient) => {
  emu = started;
  client = startedClient;
});

describe('CreateChatConfiguration and UpdateChatConfiguration', () => {
  it('answer only the name and dates, without Outputs', async () => {
    const created = await create('only-dates');
    expect(Object.keys(created.ChatConfiguration).sort()).toEqual([
      'CreatedDate',
      'Name',
      'UpdatedDate',
    ]);
    expect(created.ChatConfiguration.CreatedDate).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/,
    );
    const updated = await rpc(client, 'UpdateChatConfiguration', {
      RegionId: region,
      Name: 'only-dates',
      Type: 'DingTalk',
      Configuration: dingtalkConfiguration,
    });
    expect(Object.keys(updated.ChatConfiguration).sort()).toEqual([
      'CreatedDate',
      'Name',
      'UpdatedDate',
    ]);
    // The documented second date shape: microseconds and no offset.
    expect(updated.ChatConfiguration.UpdatedDate).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/,
    );
  });

  it('refuse a duplicate name with EntityAlreadyExists.ChatConfiguration (400)', async () => {
    await create('taken');
    const error = await failure(create('taken'));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('EntityAlreadyExists.ChatConfiguration');
  });

  it('scope names to a region', async () => {
    await create('same-name');
    await create('same-name', { RegionId: 'cn-shanghai' });
    const state = emu.state();
    expect(state.oos.chatConfigurations.map((c) => c.regionId).sort()).toEqual([
      'cn-hangzhou',
      'cn-shanghai',
    ]);
  });

  it('validate their input with MissingParameter and InvalidParameter codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ Name: undefined }, 'MissingParameter.Name'],
      [{ Type: undefined }, 'MissingParameter.Type'],
      [{ Type: 'Slack' }, 'InvalidParameter.Type'],
      [{ Configuration: undefined }, 'MissingParameter.Configuration'],
      [{ Configuration: 'not json' }, 'InvalidParameter.Configuration'],
      [{ Configuration: '{"DingTalkClientId": 7}' }, 'InvalidParameter.Configuration'],
    ];
    for (const [override, code] of cases) {
      const error = await failure(create('invalid', override));
      expect({ code: error.code, status: error.statusCode }).toEqual({ code, status: 400 });
    }
    expect(emu.state().oos.chatConfigurations).toEqual([]);
  });

  it('answer EntityNotExists.ChatConfiguration (404) when updating an unknown name', async () => {
    const error = await failure(
      rpc(client, 'UpdateChatConfiguration', {
        RegionId: region,
        Name: 'missing',
        Type: 'DingTalk',
        Configuration: dingtalkConfiguration,
      }),
    );
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('EntityNotExists.ChatConfiguration');
  });
});

describe('GetChatConfiguration', () => {
  it('masks the client secret but keeps it stored', async () => {
    await create('masked', { RamRole: 'OOSServiceRole', ResourceGroupId: 'rg-1' });
    const got = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'masked' });
    const item = got.ChatConfiguration;
    expect(item.Configuration).toContain('"DingTalkClientSecret": "******"');
    expect(item.Configuration).not.toContain('the-real-client-secret');
    expect(item).toMatchObject({ RamRole: 'OOSServiceRole', ResourceGroupId: 'rg-1' });
    expect(JSON.stringify(emu.state())).toContain('the-real-client-secret');
  });

  it('returns a DingTalk webhook URL of the account, and for WeCom an AesKey too', async () => {
    await create('ding');
    await create('wecom', { Type: 'WeChat', Configuration: '{"CorpId": "ww1", "Secret": "s"}' });
    const ding = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'ding' });
    const dingOutputs = JSON.parse(ding.ChatConfiguration.Outputs);
    expect(Object.keys(dingOutputs)).toEqual(['URL']);
    expect(dingOutputs.URL).toMatch(
      /^https:\/\/1407907063606569\.appflow\.aliyunnest\.com\/webhook\/[0-9a-f]{32}$/,
    );
    const wecom = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'wecom' });
    const wecomOutputs = JSON.parse(wecom.ChatConfiguration.Outputs);
    expect(Object.keys(wecomOutputs).sort()).toEqual(['AesKey', 'URL']);
    expect(wecomOutputs.AesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(JSON.parse(wecom.ChatConfiguration.Configuration).Secret).toBe('******');
  });

  it('keeps the outputs across updates', async () => {
    await create('stable');
    const before = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'stable' });
    await rpc(client, 'UpdateChatConfiguration', {
      RegionId: region,
      Name: 'stable',
      RamRole: 'Other',
    });
    const after = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'stable' });
    expect(after.ChatConfiguration.Outputs).toBe(before.ChatConfiguration.Outputs);
    expect(after.ChatConfiguration.RamRole).toBe('Other');
  });

  it('answers EntityNotExists.ChatConfiguration (404) for an unknown name', async () => {
    const error = await failure(
      rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'nope' }),
    );
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('EntityNotExists.ChatConfiguration');
    expect(error.data).toMatchObject({ Code: 'EntityNotExists.ChatConfiguration' });
  });
});

describe('DeleteChatConfiguration', () => {
  it('answers a sentence, then EntityNotExists.ChatConfiguration (404)', async () => {
    await create('doomed');
    const deleted = await rpc(client, 'DeleteChatConfiguration', {
      RegionId: region,
      Name: 'doomed',
    });
    expect(deleted.Content).toMatch(/doomed/);
    const again = await failure(
      rpc(client, 'DeleteChatConfiguration', { RegionId: region, Name: 'doomed' }),
    );
    expect(again.statusCode).toBe(404);
    expect(again.code).toBe('EntityNotExists.ChatConfiguration');
  });
});

describe('ListChatConfigurations', () => {
  it('omits Configuration and ResourceGroupId from its items', async () => {
    await create('listed', { RamRole: 'OOSServiceRole', ResourceGroupId: 'rg-1' });
    const listed = await rpc(client, 'ListChatConfigurations', { RegionId: region });
    expect(listed.ChatConfigurations).toHaveLength(1);
    expect(Object.keys(listed.ChatConfigurations[0]).sort()).toEqual([
      'CreatedDate',
      'Name',
      'Outputs',
      'RamRole',
      'Type',
      'UpdatedDate',
    ]);
  });

  it('filters by name (contains) and type', async () => {
    await create('ops-ding');
    await create('ops-wecom', { Type: 'WeChat' });
    await create('dev-ding');
    const names = async (filters: { Name: string; Value: string }[]) =>
      (
        await rpc(client, 'ListChatConfigurations', { RegionId: region, Filters: filters })
      ).ChatConfigurations.map((c: { Name: string }) => c.Name).sort();
    expect(await names([{ Name: 'Name', Value: 'ops' }])).toEqual(['ops-ding', 'ops-wecom']);
    expect(await names([{ Name: 'Type', Value: 'DingTalk' }])).toEqual(['dev-ding', 'ops-ding']);
    expect(
      await names([
        { Name: 'Name', Value: 'ops' },
        { Name: 'Type', Value: 'WeChat' },
      ]),
    ).toEqual(['ops-wecom']);
  });

  it('answers one page without NextToken, as its response model has none', async () => {
    for (const name of ['a', 'b', 'c']) await create(name);
    const listed = await rpc(client, 'ListChatConfigurations', { RegionId: region, MaxResults: 1 });
    expect(listed.ChatConfigurations).toHaveLength(3);
    expect(listed.NextToken).toBeUndefined();
  });

  it('rejects MaxResults outside 1-100', async () => {
    const error = await failure(
      rpc(client, 'ListChatConfigurations', { RegionId: region, MaxResults: 101 }),
    );
    expect(error.code).toBe('InvalidParameter.MaxResults');
  });
});

describe('ListChatConfigurations with oosListPaging', () => {
  it('pages by MaxResults and follows its NextToken', async () => {
    const paging = await startEmulator({ oosListPaging: true });
    try {
      const pagingClient = alicloudClient(paging);
      for (const name of ['p1', 'p2', 'p3']) {
        await rpc(pagingClient, 'CreateChatConfiguration', {
          RegionId: region,
          Name: name,
          Type: 'DingTalk',
          Configuration: dingtalkConfiguration,
        });
      }
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await rpc(pagingClient, 'ListChatConfigurations', {
          RegionId: region,
          MaxResults: 2,
          NextToken: nextToken,
        });
        seen.push(...page.ChatConfigurations.map((c: { Name: string }) => c.Name));
        nextToken = page.NextToken;
        pages += 1;
      } while (nextToken);
      expect(pages).toBe(2);
      expect(seen).toEqual(['p1', 'p2', 'p3']);
    } finally {
      await paging.stop();
    }
  });
});
