import { startEmulator, type RunningEmulator } from '../../../emulator';
import {
  alicloudClient,
  failure,
  http,
  manualClock,
  rpc,
  useAlicloudEmulator,
  type RpcBody,
} from './helpers';

/** The answers no vendor document settles, each selectable per action. */
let emu: RunningEmulator;
let client: ReturnType<typeof alicloudClient>;
const clock = manualClock();

const region = 'cn-hangzhou';
const configuration = JSON.stringify({ DingTalkClientId: 'id', DingTalkClientSecret: 'secret' });
const sendUrl = 'https://oapi.dingtalk.com/robot/send?access_token=abc';

useAlicloudEmulator({ clock: clock.now }, (started, startedClient) => {
  emu = started;
  client = startedClient;
});

const createConfiguration = (name: string, on = client) =>
  rpc(on, 'CreateChatConfiguration', {
    RegionId: region,
    Name: name,
    Type: 'DingTalk',
    Configuration: configuration,
  });
const list = (query: Record<string, unknown> = {}, on = client) =>
  rpc(on, 'ListChatConfigurations', { RegionId: region, ...query });
const names = (page: RpcBody) => page.ChatConfigurations.map((c: { Name: string }) => c.Name);
const createNotification = (name: string) =>
  rpc(client, 'CreateOrUpdateDingTalk', { RuleActionName: name, SendUrl: sendUrl });
const describe_ = (query: Record<string, unknown> = {}) => rpc(client, 'DescribeDingTalk', query);
const idsOf = (page: RpcBody) => page.ActionList.map((a: { Id: number }) => a.Id);
const errorOf = async (call: Promise<unknown>) => {
  const e = await failure(call);
  return { status: e.statusCode, code: e.code };
};

describe('notFound', () => {
  it('answers the chosen error or success for OOS chat configurations', async () => {
    emu.setWireVariants({
      notFound: {
        GetChatConfiguration: { status: 403, code: 'Forbidden.ChatConfiguration' },
        UpdateChatConfiguration: 'ignore',
        DeleteChatConfiguration: 'ignore',
      },
    });
    const byName = { RegionId: region, Name: 'missing' };
    const get = await failure(rpc(client, 'GetChatConfiguration', byName));
    expect({ status: get.statusCode, code: get.code }).toEqual({
      status: 403,
      code: 'Forbidden.ChatConfiguration',
    });
    expect(get.message).toContain('The chat configuration missing does not exist.');

    const updated = await rpc(client, 'UpdateChatConfiguration', { ...byName, Type: 'WeChat' });
    expect(updated.ChatConfiguration.Name).toBe('missing');
    const deleted = await rpc(client, 'DeleteChatConfiguration', byName);
    expect(deleted.Content).toBe('The chat configuration missing has been deleted.');
    // Success as if done: nothing was created by the update.
    expect(emu.state().oos.chatConfigurations).toEqual([]);
  });

  it('makes DeleteDingTalk refuse an unknown Id, deleting nothing', async () => {
    await createNotification('kept');
    const [id] = idsOf(await describe_());
    emu.setWireVariants({
      notFound: { DeleteDingTalk: { status: 404, code: 'DingTalkNotExist' } },
    });
    expect(await errorOf(rpc(client, 'DeleteDingTalk', { Ids: `${id},999` }))).toEqual({
      status: 404,
      code: 'DingTalkNotExist',
    });
    expect(idsOf(await describe_())).toEqual([id]);
  });

  it("makes ModifyDingTalkStatus, DingTalkOnlineTest and CreateOrUpdateDingTalk succeed on 'ignore', changing nothing", async () => {
    await createNotification('enabled');
    const [id] = idsOf(await describe_());
    emu.setWireVariants({
      notFound: {
        ModifyDingTalkStatus: 'ignore',
        DingTalkOnlineTest: 'ignore',
        CreateOrUpdateDingTalk: 'ignore',
      },
    });
    await rpc(client, 'ModifyDingTalkStatus', { Ids: `${id},999`, Status: 0 });
    await rpc(client, 'DingTalkOnlineTest', { Id: 999 });
    await rpc(client, 'CreateOrUpdateDingTalk', {
      Id: 999,
      RuleActionName: 'new',
      SendUrl: sendUrl,
    });
    const state = emu.state().securityCenter;
    expect(state.notifications.map((n) => [n.id, n.ruleActionName, n.status])).toEqual([
      [id, 'enabled', 1],
    ]);
    expect(state.testMessages).toEqual([]);
  });

  it('makes the Security Center actions answer the chosen error', async () => {
    emu.setWireVariants({
      notFound: {
        ModifyDingTalkStatus: { status: 404, code: 'NotificationNotFound' },
        DingTalkOnlineTest: { status: 404, code: 'NotificationNotFound' },
        CreateOrUpdateDingTalk: { status: 404, code: 'NotificationNotFound' },
      },
    });
    const calls = [
      rpc(client, 'ModifyDingTalkStatus', { Ids: '999', Status: 0 }),
      rpc(client, 'DingTalkOnlineTest', { Id: 999 }),
      rpc(client, 'CreateOrUpdateDingTalk', { Id: 999, RuleActionName: 'new', SendUrl: sendUrl }),
    ];
    for (const call of calls) {
      expect(await errorOf(call)).toEqual({ status: 404, code: 'NotificationNotFound' });
    }
  });
});

describe('GetChatConfiguration of a missing name with getChatConfigurationEmptyWhenMissing', () => {
  it('answers HTTP 200 with only a RequestId', async () => {
    emu.setWireVariants({ getChatConfigurationEmptyWhenMissing: true });
    const body = await rpc(client, 'GetChatConfiguration', { RegionId: region, Name: 'missing' });
    expect(Object.keys(body)).toEqual(['RequestId']);
  });
});

describe('describeDingTalkPageSize and describeDingTalkOmitTotalCount', () => {
  beforeEach(async () => {
    for (const name of ['one', 'two', 'three']) await createNotification(name);
  });

  it('clamp: serves a larger PageSize as the limit, and says so', async () => {
    emu.setWireVariants({ describeDingTalkPageSize: { limit: 2, mode: 'clamp' } });
    const page = await describe_({ PageSize: 50 });
    expect(page.ActionList).toHaveLength(2);
    expect(page.PageInfo).toEqual({ CurrentPage: 1, PageSize: 2, TotalCount: 3 });
  });

  it('refuse: answers 400 InvalidParam.PageSize above the limit', async () => {
    emu.setWireVariants({ describeDingTalkPageSize: { limit: 2, mode: 'refuse' } });
    expect(await errorOf(describe_({ PageSize: 3 }))).toEqual({
      status: 400,
      code: 'InvalidParam.PageSize',
    });
    expect((await describe_({ PageSize: 2 })).ActionList).toHaveLength(2);
  });

  it('by default refuses a PageSize above 100', async () => {
    expect(await errorOf(describe_({ PageSize: 101 }))).toEqual({
      status: 400,
      code: 'InvalidParam.PageSize',
    });
    expect((await describe_({ PageSize: 100 })).ActionList).toHaveLength(3);
  });

  it('leaves TotalCount out when asked to', async () => {
    emu.setWireVariants({ describeDingTalkOmitTotalCount: true });
    expect((await describe_({ PageSize: 2 })).PageInfo).toEqual({ CurrentPage: 1, PageSize: 2 });
  });
});

describe('listChatConfigurationsPage', () => {
  beforeEach(async () => {
    for (const name of ['a', 'b', 'c']) await createConfiguration(name);
  });

  it('pages by the cap (or a smaller MaxResults) with a NextToken to the rest', async () => {
    emu.setWireVariants({ listChatConfigurationsPage: { cap: 2, nextToken: true } });
    const first = await list({ MaxResults: 50 });
    expect(names(first)).toEqual(['a', 'b']);
    const rest = await list({ NextToken: first.NextToken });
    expect(names(rest)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
    expect(names(await list({ MaxResults: 1 }))).toEqual(['a']);
  });

  it('truncates silently when nextToken is false', async () => {
    emu.setWireVariants({ listChatConfigurationsPage: { cap: 2, nextToken: false } });
    const page = await list();
    expect(names(page)).toEqual(['a', 'b']);
    expect(page.NextToken).toBeUndefined();
  });

  it('is off by default: one page with everything', async () => {
    const page = await list({ MaxResults: 1 });
    expect(names(page)).toEqual(['a', 'b', 'c']);
    expect(page.NextToken).toBeUndefined();
  });
});

describe('notificationListingDelayMs', () => {
  it('hides a new notification from DescribeDingTalk until the delay has passed, not from by-Id actions', async () => {
    await createNotification('older-1');
    await createNotification('older-2');
    emu.setWireVariants({ notificationListingDelayMs: 5000 });
    clock.advance(10_000);
    await createNotification('newest');
    const newest = emu
      .state()
      .securityCenter.notifications.find((n) => n.ruleActionName === 'newest');
    const id = newest?.id ?? 0;

    const pages = await Promise.all(
      [1, 2, 3].map((CurrentPage) => describe_({ PageSize: 1, CurrentPage })),
    );
    expect(pages.map(idsOf).flat()).not.toContain(id);
    expect(pages.map((p) => p.PageInfo.TotalCount)).toEqual([2, 2, 2]);
    expect(idsOf(await describe_({ RuleActionName: 'newest' }))).toEqual([]);

    // It exists: by-Id actions find it.
    await rpc(client, 'ModifyDingTalkStatus', { Ids: String(id), Status: 0 });
    await rpc(client, 'DingTalkOnlineTest', { Id: id });
    expect(emu.state().securityCenter.testMessages.map((m) => m.id)).toEqual([id]);

    clock.advance(4999);
    expect((await describe_()).PageInfo.TotalCount).toBe(2);
    clock.advance(1);
    const listed = await describe_();
    expect(listed.PageInfo.TotalCount).toBe(3);
    expect(idsOf(listed)).toContain(id);
  });
});

describe('/_emulator/wire-variants', () => {
  it('shows, replaces and validates the variants', async () => {
    expect((await http(emu, 'GET', '/_emulator/wire-variants')).json).toEqual({});
    const chosen = { describeDingTalkOmitTotalCount: true, notFound: { DeleteDingTalk: 'ignore' } };
    const put = await http(emu, 'PUT', '/_emulator/wire-variants', { body: chosen });
    expect(put).toMatchObject({ status: 200, json: chosen });
    expect((await http(emu, 'GET', '/_emulator/wire-variants')).json).toEqual(chosen);
    expect((await describe_()).PageInfo.TotalCount).toBeUndefined();

    for (const invalid of [
      { notFound: { ListChatConfigurations: 'ignore' } },
      { notFound: { GetChatConfiguration: { status: 200, code: 'Ok' } } },
      { describeDingTalkPageSize: { limit: 0, mode: 'clamp' } },
      { listChatConfigurationsPage: { cap: 2 } },
      { somethingElse: true },
    ]) {
      const refused = await http(emu, 'PUT', '/_emulator/wire-variants', { body: invalid });
      expect(refused.status).toBe(400);
    }
    expect(emu.wireVariants()).toEqual(chosen);
  });

  it("DELETE /_emulator/state restores the options' variants", async () => {
    const started = await startEmulator({
      wireVariants: { listChatConfigurationsPage: { cap: 1, nextToken: false } },
    });
    try {
      const own = alicloudClient(started);
      await createConfiguration('x', own);
      await http(started, 'PUT', '/_emulator/wire-variants', { body: {} });
      await createConfiguration('y', own);
      const unpaged = await rpc(own, 'ListChatConfigurations', { RegionId: region });
      expect(names(unpaged)).toEqual(['x', 'y']);

      await http(started, 'DELETE', '/_emulator/state');
      expect((await http(started, 'GET', '/_emulator/wire-variants')).json).toEqual({
        listChatConfigurationsPage: { cap: 1, nextToken: false },
      });
      await createConfiguration('x', own);
      await createConfiguration('y', own);
      const paged = await rpc(own, 'ListChatConfigurations', { RegionId: region });
      expect(names(paged)).toEqual(['x']);
    } finally {
      await started.stop();
    }
  });
});

describe('oosListPaging', () => {
  let paging: RunningEmulator;
  let pagingClient: ReturnType<typeof alicloudClient>;

  beforeAll(async () => {
    paging = await startEmulator({ oosListPaging: true });
    pagingClient = alicloudClient(paging);
    for (let i = 0; i < 21; i += 1) {
      await createConfiguration(`item-${String(i).padStart(2, '0')}`, pagingClient);
    }
  });

  afterAll(async () => {
    await paging.stop();
  });

  it('still pages by MaxResults, 20 without it, with a NextToken', async () => {
    const first = await list({}, pagingClient);
    expect(names(first)).toHaveLength(20);
    expect(names(await list({ NextToken: first.NextToken }, pagingClient))).toEqual(['item-20']);
    const byMax = await list({ MaxResults: 50 }, pagingClient);
    expect(names(byMax)).toHaveLength(21);
    expect(byMax.NextToken).toBeUndefined();
  });

  it('gives way to the listChatConfigurationsPage variant', async () => {
    paging.setWireVariants({ listChatConfigurationsPage: { cap: 5, nextToken: false } });
    try {
      const page = await list({ MaxResults: 50 }, pagingClient);
      expect(names(page)).toHaveLength(5);
      expect(page.NextToken).toBeUndefined();
    } finally {
      paging.setWireVariants({});
    }
  });
});
