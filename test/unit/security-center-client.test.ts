import { useLocalClients } from './helpers/local-clients';
import { RecordedRequest, rpcParamsOf } from './helpers/local-server';

const local = useLocalClients();

const sendUrl = 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123';
const config = [
  {
    type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
    items: [
      { key: 'item_level', values: ['all'] },
      { key: 'event_type', values: ['all'] },
    ],
  },
];
const action = (req: RecordedRequest) => req.headers['x-acs-action'];

describe('SecurityCenterClient', () => {
  it('sends CreateOrUpdateDingTalk with JSON-string lists and the 2018-12-03 version', async () => {
    local.server.handle(() => ({ body: { RequestId: 'r' } }));
    await local.clients.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
      ruleActionName: 'sec-alerts',
      sendUrl,
      intervalTime: 0,
      language: 'en',
      groupIds: ['10417151'],
      config,
    });
    const [req] = local.server.requests;
    expect(action(req)).toBe('CreateOrUpdateDingTalk');
    expect(req.headers['x-acs-version']).toBe('2018-12-03');
    expect(rpcParamsOf(req)).toEqual({
      RuleActionName: 'sec-alerts',
      SendUrl: sendUrl,
      IntervalTime: '0',
      DingTalkLang: 'en',
      GroupIdList: '["10417151"]',
      ConfigList:
        '[{"type":"sas_analysis_online-sas-operation-log-sas-event-suspicious","configItemList":[{"key":"item_level","valueList":["all"]},{"key":"event_type","valueList":["all"]}]}]',
    });
  });

  it('sends the Id on update', async () => {
    local.server.handle(() => ({ body: { RequestId: 'r' } }));
    await local.clients.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
      id: 77,
      ruleActionName: 'sec-alerts',
      sendUrl,
      intervalTime: 5,
      language: 'zh',
      groupIds: [],
      config: [],
    });
    expect(rpcParamsOf(local.server.requests[0])).toMatchObject({
      Id: '77',
      GroupIdList: '[]',
      ConfigList: '[]',
    });
  });

  it('reads Describe leniently: names, status, lists given as strings, dates', async () => {
    local.server.handle(() => ({
      body: {
        PageInfo: { CurrentPage: 1, PageSize: 20, TotalCount: 2 },
        ActionList: [
          {
            Id: 11,
            ActionName: 'sec-alerts',
            Url: sendUrl,
            Status: 1,
            ConfigList: JSON.stringify([
              { type: 't', configItemList: [{ key: 'k', valueList: ['a', 'b'] }] },
            ]),
            GroupIdList: '123,456',
            DingTalkLang: 'en',
            IntervalTime: 10,
            AliUid: 1234567890,
            GmtCreate: 1735689600000,
            GmtModified: '2025-01-01 00:00:00',
          },
          { Id: '12', ActionName: 'other', Url: sendUrl, Status: '0', GroupIdList: '["9"]' },
        ],
      },
    }));
    const res = await local.clients.securityCenter.describeDingTalk('cn-hangzhou', {
      ruleActionName: 'sec',
    });
    expect(rpcParamsOf(local.server.requests[0])).toEqual({ RuleActionName: 'sec' });
    expect(res).toEqual({
      currentPage: 1,
      pageSize: 20,
      totalCount: 2,
      items: [
        {
          id: 11,
          ruleActionName: 'sec-alerts',
          sendUrl,
          enabled: true,
          intervalTime: 10,
          language: 'en',
          groupIds: ['123', '456'],
          config: [{ type: 't', items: [{ key: 'k', values: ['a', 'b'] }] }],
          aliUid: '1234567890',
          gmtCreate: '2025-01-01T00:00:00.000Z',
          gmtModified: '2025-01-01T00:00:00.000Z',
        },
        {
          id: 12,
          ruleActionName: 'other',
          sendUrl,
          enabled: false,
          intervalTime: 0,
          language: 'zh',
          groupIds: ['9'],
          config: [],
        },
      ],
    });
  });

  it('finds by exact name across pages of 20, the only documented size', async () => {
    const all = Array.from({ length: 230 }, (_, i) => ({
      Id: i + 1,
      ActionName: i === 150 || i === 220 ? 'alerts' : `alerts-${i}`,
      Url: sendUrl,
      Status: 1,
    }));
    local.server.handle((req) => {
      const q = rpcParamsOf(req);
      const page = Number(q.CurrentPage);
      const size = Number(q.PageSize);
      const matching = all.filter((a) => a.ActionName.includes(q.RuleActionName));
      return {
        body: {
          PageInfo: { CurrentPage: page, PageSize: size, TotalCount: matching.length },
          ActionList: matching.slice((page - 1) * size, page * size),
        },
      };
    });
    const found = await local.clients.securityCenter.findDingTalkByName('eu-central-1', 'alerts');
    expect(found.map((f) => f.id)).toEqual([151, 221]);
    expect(local.server.requests.map((r) => rpcParamsOf(r).CurrentPage)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    expect(local.server.requests.every((r) => rpcParamsOf(r).PageSize === '20')).toBe(true);
  });

  it('joins ids with commas for delete and status changes, and skips empty id lists', async () => {
    local.server.handle(() => ({ body: { RequestId: 'r' } }));
    await local.clients.securityCenter.deleteDingTalk('cn-hangzhou', [1, 2, 3]);
    await local.clients.securityCenter.modifyDingTalkStatus('cn-hangzhou', [4, 5], false);
    await local.clients.securityCenter.modifyDingTalkStatus('cn-hangzhou', [4], true);
    await local.clients.securityCenter.dingTalkOnlineTest('cn-hangzhou', 9);
    await local.clients.securityCenter.deleteDingTalk('cn-hangzhou', []);
    expect(local.server.requests.map((r) => [action(r), rpcParamsOf(r)])).toEqual([
      ['DeleteDingTalk', { Ids: '1,2,3' }],
      ['ModifyDingTalkStatus', { Ids: '4,5', Status: '0' }],
      ['ModifyDingTalkStatus', { Ids: '4', Status: '1' }],
      ['DingTalkOnlineTest', { Id: '9' }],
    ]);
  });

  it('maps DingTalkNotExist to NOT_FOUND and InvalidParam.RuleActionName to INVALID_INPUT', async () => {
    local.server.handle(() => ({
      status: 400,
      body: { Code: 'DingTalkNotExist', Message: 'no', RequestId: 'r' },
    }));
    await expect(
      local.clients.securityCenter.modifyDingTalkStatus('cn-hangzhou', [1], true),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    local.server.handle(() => ({
      status: 400,
      body: { Code: 'InvalidParam.RuleActionName', Message: 'len', RequestId: 'r' },
    }));
    await expect(
      local.clients.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
        ruleActionName: 'x',
        sendUrl,
        intervalTime: 0,
        language: 'zh',
        groupIds: [],
        config: [],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', remoteCode: 'InvalidParam.RuleActionName' });
  });
});
