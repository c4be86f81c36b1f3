import type { RunningEmulator } from '../../../emulator';
import { alicloudClient, failure, rpc, useAlicloudEmulator } from './helpers';

/** The documented behaviour of the Security Center DingTalk notification actions. */
let emu: RunningEmulator;
let client: ReturnType<typeof alicloudClient>;

const sendUrl = 'https://oapi.dingtalk.com/robot/send?access_token=abc';

function create(name: string, extra: Record<string, unknown> = {}) {
  return rpc(client, 'CreateOrUpdateDingTalk', {
    RuleActionName: name,
    SendUrl: sendUrl,
    ...extra,
  });
}

async function idOf(name: string): Promise<number> {
  const found = await rpc(client, 'DescribeDingTalk', { RuleActionName: name, PageSize: 100 });
  return found.ActionList.find((a: { ActionName: string }) => a.ActionName === name).Id;
}

async function statuses(): Promise<Record<string, number>> {
  const all = await rpc(client, 'DescribeDingTalk', { PageSize: 100 });
  return Object.fromEntries(
    all.ActionList.map((a: { ActionName: string; Status: number }) => [a.ActionName, a.Status]),
  );
}

useAlicloudEmulator(undefined, (started, startedClient) => {
  emu = started;
  client = startedClient;
});

describe('CreateOrUpdateDingTalk', () => {
  it('answers only a RequestId (no Id)', async () => {
    const created = await create('notify');
    expect(Object.keys(created)).toEqual(['RequestId']);
  });

  it('accepts names of 2 to 64 characters and refuses others with InvalidParam.RuleActionName', async () => {
    await create('ab');
    await create('x'.repeat(64));
    for (const name of ['a', 'x'.repeat(65)]) {
      const error = await failure(create(name));
      expect({ code: error.code, status: error.statusCode }).toEqual({
        code: 'InvalidParam.RuleActionName',
        status: 400,
      });
    }
    expect((await rpc(client, 'DescribeDingTalk', {})).PageInfo.TotalCount).toBe(2);
  });

  it('requires SendUrl and RuleActionName', async () => {
    const noUrl = await failure(rpc(client, 'CreateOrUpdateDingTalk', { RuleActionName: 'name' }));
    expect(noUrl.code).toBe('MissingParameter.SendUrl');
    const noName = await failure(rpc(client, 'CreateOrUpdateDingTalk', { SendUrl: sendUrl }));
    expect(noName.code).toBe('MissingParameter.RuleActionName');
  });

  it('updates in place when Id is present, and refuses an unknown Id', async () => {
    await create('before');
    const id = await idOf('before');
    await create('after', { Id: id, IntervalTime: 30 });
    const all = await rpc(client, 'DescribeDingTalk', {});
    expect(all.ActionList).toHaveLength(1);
    expect(all.ActionList[0]).toMatchObject({ Id: id, ActionName: 'after', IntervalTime: 30 });
    const error = await failure(create('ghost', { Id: 999 }));
    expect(error.code).toBe('DingTalkNotExist');
  });
});

describe('DescribeDingTalk', () => {
  it('pages with CurrentPage and PageSize and counts the total', async () => {
    for (let i = 1; i <= 5; i += 1) await create(`rule-${i}`);
    const page2 = await rpc(client, 'DescribeDingTalk', { CurrentPage: 2, PageSize: 2 });
    expect(page2.PageInfo).toEqual({ CurrentPage: 2, PageSize: 2, TotalCount: 5 });
    expect(page2.ActionList.map((a: { ActionName: string }) => a.ActionName)).toEqual([
      'rule-3',
      'rule-4',
    ]);
    const page3 = await rpc(client, 'DescribeDingTalk', { CurrentPage: 3, PageSize: 2 });
    expect(page3.ActionList).toHaveLength(1);
    const defaults = await rpc(client, 'DescribeDingTalk', {});
    expect(defaults.PageInfo).toMatchObject({ CurrentPage: 1, PageSize: 20 });
  });

  it('filters by a substring of the name', async () => {
    await create('prod alerts');
    await create('staging alerts');
    await create('prod audit');
    const found = await rpc(client, 'DescribeDingTalk', { RuleActionName: 'prod' });
    expect(found.PageInfo.TotalCount).toBe(2);
  });

  it('refuses PageSize above 100', async () => {
    const error = await failure(rpc(client, 'DescribeDingTalk', { PageSize: 101 }));
    expect(error.code).toBe('InvalidParam.PageSize');
  });

  it('reads fields back under their other names, JSON strings verbatim', async () => {
    const configList = '[{"type":"vul","configItemList":[{"key":"key","valueList":["123"]}]}]';
    await create('names', { ConfigList: configList, GroupIdList: '["10417151"]' });
    const item = (await rpc(client, 'DescribeDingTalk', {})).ActionList[0];
    expect(item).toMatchObject({
      ActionName: 'names',
      Url: sendUrl,
      ConfigList: configList,
      GroupIdList: '["10417151"]',
      AliUid: 1234567890123456,
    });
    expect(typeof item.GmtCreate).toBe('number');
  });
});

describe('DeleteDingTalk and ModifyDingTalkStatus', () => {
  it('take comma-separated Ids', async () => {
    for (const name of ['one', 'two', 'three']) await create(name);
    const [one, two, three] = [await idOf('one'), await idOf('two'), await idOf('three')];
    await rpc(client, 'ModifyDingTalkStatus', { Ids: `${one},${three}`, Status: 0 });
    expect(await statuses()).toEqual({ one: 0, two: 1, three: 0 });
    await rpc(client, 'DeleteDingTalk', { Ids: `${one},${two}` });
    expect(Object.keys(await statuses())).toEqual(['three']);
  });

  it('delete unknown Ids silently but refuse to modify them, changing nothing', async () => {
    await create('kept');
    const kept = await idOf('kept');
    await rpc(client, 'DeleteDingTalk', { Ids: '4242' });
    const error = await failure(
      rpc(client, 'ModifyDingTalkStatus', { Ids: `${kept},4242`, Status: 0 }),
    );
    expect({ code: error.code, status: error.statusCode }).toEqual({
      code: 'DingTalkNotExist',
      status: 400,
    });
    expect(await statuses()).toEqual({ kept: 1 });
  });

  it('validate Ids and Status', async () => {
    expect((await failure(rpc(client, 'DeleteDingTalk', { Ids: '1,x' }))).code).toBe(
      'InvalidParam.Ids',
    );
    expect((await failure(rpc(client, 'DeleteDingTalk', {}))).code).toBe('MissingParameter.Ids');
    expect((await failure(rpc(client, 'ModifyDingTalkStatus', { Ids: '1', Status: 2 }))).code).toBe(
      'InvalidParam.Status',
    );
  });
});

describe('DingTalkOnlineTest', () => {
  it('records a test message for a known Id and refuses an unknown one', async () => {
    await create('tested');
    const id = await idOf('tested');
    await rpc(client, 'DingTalkOnlineTest', { Id: id });
    const state = emu.state();
    expect(state.securityCenter.testMessages).toEqual([expect.objectContaining({ id })]);
    expect((await failure(rpc(client, 'DingTalkOnlineTest', { Id: 777 }))).code).toBe(
      'DingTalkNotExist',
    );
  });
});
