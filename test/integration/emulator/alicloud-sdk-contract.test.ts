import { startEmulator, type RunningEmulator } from '../../../emulator';
import { alicloudClient, failure, rpc, type AlicloudClientOptions } from './helpers';

/**
 * Contract: the vendor's own runtime (@alicloud/openapi-core) signs with V3 and with
 * legacy V1 and calls every OOS and Security Center action; responses parse.
 */
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.stop();
});

const signatures: [string, AlicloudClientOptions][] = [
  ['V3 ACS3-HMAC-SHA256', {}],
  ['V1 HMAC-SHA1', { signatureAlgorithm: 'v2' }],
];

describe.each(signatures)('@alicloud/openapi-core signing with %s', (label, options) => {
  const suffix = label.slice(0, 2).toLowerCase();

  it('runs every OOS chat configuration action', async () => {
    const client = alicloudClient(emu, options);
    const name = `chatops-${suffix}`;
    const configuration = JSON.stringify({
      DingTalkClientId: 'dingclient',
      DingTalkClientSecret: `secret-${suffix}`,
      DingTalkTemplateId: '381c5aee-f8af-48a4-94be-cce587e42ea4.schema',
    });

    const created = await rpc(client, 'CreateChatConfiguration', {
      RegionId: 'cn-hangzhou',
      Name: name,
      Type: 'DingTalk',
      RamRole: 'OOSServiceRole',
      Configuration: configuration,
    });
    expect(created.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(created.ChatConfiguration.Name).toBe(name);

    const got = await rpc(client, 'GetChatConfiguration', { RegionId: 'cn-hangzhou', Name: name });
    expect(got.ChatConfiguration.Type).toBe('DingTalk');
    expect(JSON.parse(got.ChatConfiguration.Configuration)).toEqual({
      DingTalkClientId: 'dingclient',
      DingTalkClientSecret: '******',
      DingTalkTemplateId: '381c5aee-f8af-48a4-94be-cce587e42ea4.schema',
    });
    expect(JSON.parse(got.ChatConfiguration.Outputs).URL).toMatch(
      /^https:\/\/\d+\.appflow\.aliyunnest\.com\/webhook\/\w+$/,
    );

    const updated = await rpc(client, 'UpdateChatConfiguration', {
      RegionId: 'cn-hangzhou',
      Name: name,
      Type: 'DingTalk',
      RamRole: 'AnotherRole',
      Configuration: configuration,
    });
    expect(updated.ChatConfiguration.Name).toBe(name);

    const listed = await rpc(client, 'ListChatConfigurations', {
      RegionId: 'cn-hangzhou',
      Filters: [{ Name: 'Name', Value: name }],
      MaxResults: 10,
    });
    expect(listed.ChatConfigurations).toHaveLength(1);
    expect(listed.ChatConfigurations[0].RamRole).toBe('AnotherRole');

    const deleted = await rpc(client, 'DeleteChatConfiguration', {
      RegionId: 'cn-hangzhou',
      Name: name,
    });
    expect(typeof deleted.Content).toBe('string');

    const gone = await failure(
      rpc(client, 'GetChatConfiguration', { RegionId: 'cn-hangzhou', Name: name }),
    );
    expect(gone.code).toBe('EntityNotExists.ChatConfiguration');
    expect(gone.statusCode).toBe(404);
  });

  it('runs every Security Center DingTalk action', async () => {
    const client = alicloudClient(emu, options);
    const name = `alerts-${suffix} (all!)`;
    const sendUrl = `https://oapi.dingtalk.com/robot/send?access_token=robot-token-${suffix}`;
    const configList = JSON.stringify([
      {
        type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
        configItemList: [{ key: 'item_level', valueList: ['all'] }],
      },
    ]);

    const created = await rpc(client, 'CreateOrUpdateDingTalk', {
      RuleActionName: name,
      SendUrl: sendUrl,
      IntervalTime: 0,
      ConfigList: configList,
      GroupIdList: '["10417151"]',
      DingTalkLang: 'en',
    });
    expect(Object.keys(created)).toEqual(['RequestId']);

    const described = await rpc(client, 'DescribeDingTalk', {
      RuleActionName: name,
      CurrentPage: 1,
      PageSize: 20,
    });
    expect(described.PageInfo).toEqual({ CurrentPage: 1, PageSize: 20, TotalCount: 1 });
    const item = described.ActionList[0];
    expect(item).toMatchObject({
      ActionName: name,
      Url: sendUrl,
      Status: 1,
      ConfigList: configList,
      GroupIdList: '["10417151"]',
      DingTalkLang: 'en',
      IntervalTime: 0,
    });
    const id = item.Id as number;

    await rpc(client, 'ModifyDingTalkStatus', { Ids: String(id), Status: 0 });
    await rpc(client, 'DingTalkOnlineTest', { Id: id });
    await rpc(client, 'CreateOrUpdateDingTalk', {
      Id: id,
      RuleActionName: name,
      SendUrl: sendUrl,
      IntervalTime: 60,
      DingTalkLang: 'zh',
    });
    const after = await rpc(client, 'DescribeDingTalk', { RuleActionName: name });
    expect(after.ActionList[0]).toMatchObject({
      Id: id,
      Status: 0,
      IntervalTime: 60,
      DingTalkLang: 'zh',
    });
    const state = emu.state();
    expect(state.securityCenter.testMessages.map((m) => m.id)).toContain(id);

    await rpc(client, 'DeleteDingTalk', { Ids: String(id) });
    const empty = await rpc(client, 'DescribeDingTalk', { RuleActionName: name });
    expect(empty.PageInfo.TotalCount).toBe(0);
    expect(empty.ActionList).toEqual([]);
  });
});
