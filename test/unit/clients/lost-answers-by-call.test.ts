import type { Clients } from '../../../provider/clients';
import { useLocalClients } from '../helpers/local-clients';
import type { RecordedRequest, Reply } from '../helpers/local-server';

/**
 * Every remote call, one by one, whose first answer is lost (the request went out, no answer
 * came before the timeout): a call that is safe to repeat is sent again and succeeds; a call
 * that would duplicate an object or a side effect is not, and fails naming its operation.
 */

const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const REGION = 'cn-hangzhou';

/** Which remote call a request is: the action of an Alibaba Cloud RPC call, or the path. */
const callOf = (req: RecordedRequest) =>
  (req.headers['x-acs-action'] as string | undefined) ?? req.url.split('?')[0];

interface Case {
  /** The remote call, as `callOf` names it. */
  call: string;
  /** The operation name errors and logs give. */
  operation: string;
  /** Sent again after a lost answer. */
  repeated: boolean;
  run(clients: Clients): Promise<unknown>;
  /** A successful answer. */
  answer: unknown;
}

const CONFIGURATION = {
  regionId: REGION,
  name: 'ops-bot',
  type: 'DingTalk' as const,
  configuration: { ClientId: 'ding-ops' },
};

const CASES: Case[] = [
  {
    call: 'CreateChatConfiguration',
    operation: 'oos:CreateChatConfiguration',
    repeated: false,
    run: (c) => c.oos.createChatConfiguration(CONFIGURATION),
    answer: { RequestId: 'r', Name: 'ops-bot' },
  },
  {
    call: 'UpdateChatConfiguration',
    operation: 'oos:UpdateChatConfiguration',
    repeated: true,
    run: (c) => c.oos.updateChatConfiguration(CONFIGURATION),
    answer: { RequestId: 'r', Name: 'ops-bot' },
  },
  {
    call: 'GetChatConfiguration',
    operation: 'oos:GetChatConfiguration',
    repeated: true,
    run: (c) => c.oos.getChatConfiguration({ regionId: REGION, name: 'ops-bot' }),
    answer: { RequestId: 'r', ChatConfiguration: { Name: 'ops-bot', Type: 'DingTalk' } },
  },
  {
    call: 'DeleteChatConfiguration',
    operation: 'oos:DeleteChatConfiguration',
    repeated: true,
    run: (c) => c.oos.deleteChatConfiguration({ regionId: REGION, name: 'ops-bot' }),
    answer: { RequestId: 'r' },
  },
  {
    call: 'ListChatConfigurations',
    operation: 'oos:ListChatConfigurations',
    repeated: true,
    run: (c) => c.oos.listChatConfigurations({ regionId: REGION }),
    answer: { RequestId: 'r', ChatConfigurations: [] },
  },
  {
    call: 'CreateOrUpdateDingTalk',
    operation: 'sas:CreateOrUpdateDingTalk',
    repeated: false,
    run: (c) =>
      c.securityCenter.createOrUpdateDingTalk(REGION, {
        ruleActionName: 'alerts',
        sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        intervalTime: 0,
        language: 'zh',
        groupIds: [],
        config: [],
      }),
    answer: { RequestId: 'r' },
  },
  {
    call: 'CreateOrUpdateDingTalk',
    operation: 'sas:CreateOrUpdateDingTalk',
    repeated: true,
    run: (c) =>
      c.securityCenter.createOrUpdateDingTalk(REGION, {
        id: 7,
        ruleActionName: 'alerts',
        sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        intervalTime: 0,
        language: 'zh',
        groupIds: [],
        config: [],
      }),
    answer: { RequestId: 'r' },
  },
  {
    call: 'DescribeDingTalk',
    operation: 'sas:DescribeDingTalk',
    repeated: true,
    run: (c) => c.securityCenter.describeDingTalk(REGION, {}),
    answer: { RequestId: 'r', ActionList: [], PageInfo: { TotalCount: 0 } },
  },
  {
    call: 'DeleteDingTalk',
    operation: 'sas:DeleteDingTalk',
    repeated: true,
    run: (c) => c.securityCenter.deleteDingTalk(REGION, [7]),
    answer: { RequestId: 'r' },
  },
  {
    call: 'ModifyDingTalkStatus',
    operation: 'sas:ModifyDingTalkStatus',
    repeated: true,
    run: (c) => c.securityCenter.modifyDingTalkStatus(REGION, [7], true),
    answer: { RequestId: 'r' },
  },
  {
    call: 'DingTalkOnlineTest',
    operation: 'sas:DingTalkOnlineTest',
    repeated: false,
    run: (c) => c.securityCenter.dingTalkOnlineTest(REGION, 7),
    answer: { RequestId: 'r' },
  },
  {
    call: '/chat/create',
    operation: 'dingtalk:chat/create',
    repeated: false,
    run: (c) => c.groupChats.createChat({ name: 'Ops', owner: 'u1', userIds: ['u1'] }),
    answer: { errcode: 0, chatid: 'chat-1' },
  },
  {
    call: '/chat/get',
    operation: 'dingtalk:chat/get',
    repeated: true,
    run: (c) => c.groupChats.getChat('chat-1'),
    answer: { errcode: 0, chat_info: { name: 'Ops', owner: 'u1', useridlist: ['u1'] } },
  },
  {
    call: '/chat/update',
    operation: 'dingtalk:chat/update',
    repeated: true,
    run: (c) => c.groupChats.updateChat({ chatId: 'chat-1', name: 'Ops 2' }),
    answer: { errcode: 0 },
  },
  {
    call: '/v1.0/robot/plugins/set',
    operation: 'dingtalk:robot/plugins/set',
    repeated: true,
    run: (c) => c.robotPlugins.setPlugins('robot-1', [{ name: 'Deploy', icon: '@i' }]),
    answer: { result: true },
  },
  {
    call: '/v1.0/robot/plugins/query',
    operation: 'dingtalk:robot/plugins/query',
    repeated: true,
    run: (c) => c.robotPlugins.queryPlugins('robot-1'),
    answer: { pluginInfoList: [] },
  },
  {
    call: '/v1.0/robot/plugins/clear',
    operation: 'dingtalk:robot/plugins/clear',
    repeated: true,
    run: (c) => c.robotPlugins.clearPlugins('robot-1'),
    answer: { result: true },
  },
];

let current: Case;
/** The call whose first request goes unanswered. */
let lose: string;
/** Every call but the token's is answered with this text instead, when set. */
let garbage: string | undefined;
/** The HTTP status of every answer but the token's, when set. */
let status: number | undefined;
let tokenStatus = 200;
const local = useLocalClients((req): Reply => {
  if (status !== undefined) {
    if (req.url !== TOKEN_PATH) return { status, body: current.answer };
    return { status: tokenStatus, body: { accessToken: 'token-abcdef123456', expireIn: 7200 } };
  }
  if (garbage !== undefined && req.url !== TOKEN_PATH) return { body: garbage };
  const first = local.server.requests.filter((r) => callOf(r) === callOf(req)).length === 1;
  if (first && callOf(req) === lose) return { hang: true };
  if (req.url === TOKEN_PATH)
    return { body: { accessToken: 'token-abcdef123456', expireIn: 7200 } };
  return { body: current.answer };
});
const sent = (call: string) => local.server.requests.filter((r) => callOf(r) === call).length;

describe('a call whose answer was lost', () => {
  beforeEach(() => {
    garbage = undefined;
    status = undefined;
    // Long enough for a loaded machine to answer a local request, short enough to wait out.
    local.connect({ requestTimeoutMs: 500 });
  });

  it.each(CASES.filter((c) => c.repeated).map((c) => [c.operation, c] as const))(
    '%s is sent again, and succeeds',
    async (_name, c) => {
      current = c;
      lose = c.call;
      await expect(c.run(local.clients)).resolves.not.toBeInstanceOf(Error);
      expect(sent(c.call)).toBe(2);
    },
  );

  it.each(CASES.filter((c) => !c.repeated).map((c) => [c.operation, c] as const))(
    '%s is not sent again, and fails naming the operation',
    async (_name, c) => {
      current = c;
      lose = c.call;
      await expect(c.run(local.clients)).rejects.toMatchObject({
        code: 'TIMEOUT',
        operation: c.operation,
      });
      expect(sent(c.call)).toBe(1);
    },
  );

  it.each(CASES.map((c) => [c.operation, c] as const))(
    '%s names its operation when the answer makes no sense',
    async (_name, c) => {
      garbage = 'not an API answer';
      lose = '';
      const failure = await c.run(local.clients).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ operation: c.operation });
      expect((failure as Error).message).toContain(c.operation);
    },
  );

  it.each(['set', 'clear'])(
    'a robot plugin %s answered result=false fails naming its operation',
    async (step) => {
      const c = CASES.find((k) => k.call === `/v1.0/robot/plugins/${step}`) as Case;
      current = { ...c, answer: { result: false } };
      lose = '';
      await expect(c.run(local.clients)).rejects.toMatchObject({
        operation: c.operation,
        message: expect.stringMatching(new RegExp(`^${c.operation}: `)),
      });
    },
  );

  it('a DingTalk access token is fetched again', async () => {
    current = CASES.find((c) => c.call === '/v1.0/robot/plugins/query') as Case;
    lose = TOKEN_PATH;
    await expect(local.clients.robotPlugins.queryPlugins('robot-1')).resolves.toEqual([]);
    expect(sent(TOKEN_PATH)).toBe(2);
    expect(sent('/v1.0/robot/plugins/query')).toBe(1);
  });
});

describe('an answer outside HTTP 2xx', () => {
  beforeEach(() => {
    garbage = undefined;
    lose = '';
  });

  it('a DingTalk access token answered with HTTP 300 is no token', async () => {
    current = CASES.find((c) => c.call === '/v1.0/robot/plugins/query') as Case;
    status = 200;
    tokenStatus = 300;
    await expect(current.run(local.clients)).rejects.toMatchObject({
      httpStatus: 300,
      operation: expect.stringContaining('accessToken'),
    });
    tokenStatus = 200;
  });

  it.each(CASES.map((c) => [c.operation, c] as const))(
    '%s fails on HTTP 300, even with a body that reads as success',
    async (_name, c) => {
      current = c;
      status = 300;
      await expect(c.run(local.clients)).rejects.toMatchObject({ httpStatus: 300 });
    },
  );
});
