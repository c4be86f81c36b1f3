import { createClients } from '../../provider/clients';
import { isChatOpsError } from '../../provider/errors';
import { useLocalClients } from './helpers/local-clients';
import { RecordedRequest, Reply, queryOf } from './helpers/local-server';

let reply: (req: RecordedRequest, index: number) => Reply;

const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const calls = () => local.server.requests.filter((r) => r.url !== TOKEN_PATH);
const bodyOf = (req: RecordedRequest) => JSON.parse(req.body) as Record<string, unknown>;

const local = useLocalClients((req) => {
  if (req.url === TOKEN_PATH)
    return { body: { accessToken: 'token-abcdef123456', expireIn: 7200 } };
  return reply(req, calls().length - 1);
});
beforeEach(() => {
  reply = () => ({ body: { result: true, errcode: 0 } });
});

describe('RobotPluginClient', () => {
  it('sets, queries and clears with the documented bodies', async () => {
    await local.clients.robotPlugins.setPlugins('robot-1', [
      {
        name: '{"en_US":"Deploy","zh_CN":"部署"}',
        icon: '@lALPDtXaDkO3j7hgYA',
        pcUrl: 'https://pc',
        mobileUrl: 'https://m',
      },
      { name: 'Status', icon: '@icon2' },
    ]);
    reply = () => ({
      body: {
        pluginInfoList: [{ name: 'Status', icon: '@icon2', pcUrl: '', mobileUrl: 'https://m' }],
      },
    });
    await expect(local.clients.robotPlugins.queryPlugins('robot-1')).resolves.toEqual([
      { name: 'Status', icon: '@icon2', mobileUrl: 'https://m' },
    ]);
    reply = () => ({ body: { result: true } });
    await local.clients.robotPlugins.clearPlugins('robot-1');
    expect(calls().map((r) => [r.method, r.url, bodyOf(r)])).toEqual([
      [
        'POST',
        '/v1.0/robot/plugins/set',
        {
          robotCode: 'robot-1',
          pluginInfoList: [
            {
              name: '{"en_US":"Deploy","zh_CN":"部署"}',
              icon: '@lALPDtXaDkO3j7hgYA',
              pcUrl: 'https://pc',
              mobileUrl: 'https://m',
            },
            { name: 'Status', icon: '@icon2' },
          ],
        },
      ],
      ['POST', '/v1.0/robot/plugins/query', { robotCode: 'robot-1' }],
      ['POST', '/v1.0/robot/plugins/clear', { robotCode: 'robot-1' }],
    ]);
    expect(calls()[0].headers['content-type']).toBe('application/json');
  });

  it('asks for JSON on every DingTalk call, the token fetch included', async () => {
    await local.clients.robotPlugins.queryPlugins('robot-1');
    reply = () => ({ body: { errcode: 0, chat_info: { name: 'g' } } });
    await local.clients.groupChats.getChat('c');
    expect(local.server.requests.map((r) => [r.url.split('?')[0], r.headers.accept])).toEqual([
      [TOKEN_PATH, 'application/json'],
      ['/v1.0/robot/plugins/query', 'application/json'],
      ['/chat/get', 'application/json'],
    ]);
  });

  it('reads a quick entry the answer gives without name or icon as empty ones', async () => {
    reply = () => ({ body: { pluginInfoList: [{ pcUrl: 'https://pc' }] } });
    await expect(local.clients.robotPlugins.queryPlugins('robot-1')).resolves.toStrictEqual([
      { name: '', icon: '', pcUrl: 'https://pc' },
    ]);
  });

  it('reports an unknown robot as NOT_FOUND', async () => {
    reply = () => ({
      status: 400,
      body: { code: 'invalidRequest.robotNotExist', message: 'no robot', requestid: 'r' },
    });
    await expect(local.clients.robotPlugins.queryPlugins('nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      remoteCode: 'invalidRequest.robotNotExist',
      requestId: 'r',
    });
  });

  it('treats result=false as a failure', async () => {
    reply = () => ({ body: { result: false } });
    await expect(local.clients.robotPlugins.clearPlugins('robot-1')).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
    });
  });

  it('retries a 403 QpsLimit and succeeds', async () => {
    reply = (_req, i) =>
      i === 0
        ? {
            status: 403,
            body: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps', requestid: 'r' },
          }
        : { body: { result: true } };
    await local.clients.robotPlugins.setPlugins('robot-1', []);
    expect(calls()).toHaveLength(2);
  });

  it('does not retry the monthly quota (ApiCountLimitForOrg)', async () => {
    reply = () => ({
      status: 403,
      body: {
        code: 'Forbidden.AccessDenied.ApiCountLimitForOrg',
        message: 'quota',
        requestid: 'r',
      },
    });
    await expect(local.clients.robotPlugins.queryPlugins('robot-1')).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      retryable: false,
    });
    expect(calls()).toHaveLength(1);
  });

  it('fails a validation error at once', async () => {
    reply = () => ({
      status: 400,
      body: { code: 'param.illegal', message: 'icon required', requestid: 'r' },
    });
    await expect(
      local.clients.robotPlugins.setPlugins('robot-1', [{ name: 'x', icon: '' }]),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(calls()).toHaveLength(1);
  });

  it('reports missing DingTalk credentials as a configuration error', async () => {
    local.clients = createClients(() => ({ dingtalkApiEndpoint: local.server.url }));
    const e = await local.clients.robotPlugins.queryPlugins('robot-1').catch((x: unknown) => x);
    expect(isChatOpsError(e, 'CONFIGURATION_ERROR')).toBe(true);
    expect((e as Error).message).toContain('DINGTALK_CLIENT_ID');
    expect(local.server.requests).toHaveLength(0);
  });
});

describe('GroupChatClient', () => {
  it('creates a chat with the documented body', async () => {
    reply = () => ({
      body: {
        errcode: 0,
        errmsg: 'ok',
        chatid: 'chat-1',
        openConversationId: 'cid-1',
        conversationTag: 2,
      },
    });
    await expect(
      local.clients.groupChats.createChat({
        name: 'Ops',
        owner: 'u1',
        userIds: ['u1', 'u2'],
        searchable: 1,
        chatBannedType: 0,
      }),
    ).resolves.toEqual({ chatId: 'chat-1', openConversationId: 'cid-1', conversationTag: 2 });
    const [req] = calls();
    expect(req.method).toBe('POST');
    expect(new URL(req.url, 'http://x').pathname).toBe('/chat/create');
    expect(queryOf(req).access_token).toBe('token-abcdef123456');
    expect(bodyOf(req)).toEqual({
      name: 'Ops',
      owner: 'u1',
      useridlist: ['u1', 'u2'],
      searchable: 1,
      chatBannedType: 0,
    });
  });

  it('refuses more than 40 users per call before calling out', async () => {
    const userIds = Array.from({ length: 41 }, (_, i) => `u${i}`);
    await expect(
      local.clients.groupChats.createChat({ name: 'Ops', owner: 'u0', userIds }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    // The message names the list that is too long, as the caller called it.
    await expect(
      local.clients.groupChats.updateChat({ chatId: 'c', addUserIds: userIds }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^dingtalk:chat\/update: addUserIds holds 41 users/),
    });
    await expect(
      local.clients.groupChats.updateChat({ chatId: 'c', delUserIds: userIds }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^dingtalk:chat\/update: delUserIds holds 41 users/),
    });
    expect(local.server.requests).toHaveLength(0);
  });

  it('reads a chat, defaulting absent flags to 0', async () => {
    reply = () => ({
      body: {
        errcode: 0,
        chat_info: {
          name: 'Ops',
          owner: 'u1',
          useridlist: ['u1', 'u2'],
          icon: '@media',
          conversationTag: 2,
          chatBannedType: 1,
          searchable: 0,
          showHistoryType: 1,
          validationType: 0,
          mentionAllAuthority: 1,
          status: 2,
        },
      },
    });
    await expect(local.clients.groupChats.getChat('chat-1')).resolves.toEqual({
      chatId: 'chat-1',
      name: 'Ops',
      owner: 'u1',
      userIds: ['u1', 'u2'],
      icon: '@media',
      conversationTag: 2,
      status: 2,
      showHistoryType: 1,
      searchable: 0,
      validationType: 0,
      mentionAllAuthority: 1,
      managementType: 0,
      chatBannedType: 1,
    });
    expect(calls()[0].method).toBe('GET');
    expect(queryOf(calls()[0]).chatid).toBe('chat-1');
  });

  it('reads an unknown chat (errcode 34013) as undefined', async () => {
    reply = () => ({ body: { errcode: 34013, errmsg: '找不到群会话对象' } });
    await expect(local.clients.groupChats.getChat('nope')).resolves.toBeUndefined();
  });

  it('sends only the fields present on update', async () => {
    reply = () => ({ body: { errcode: 0, errmsg: 'ok' } });
    await local.clients.groupChats.updateChat({
      chatId: 'chat-1',
      addUserIds: ['u3'],
      delUserIds: [],
      searchable: 1,
    });
    expect(bodyOf(calls()[0])).toEqual({ chatid: 'chat-1', add_useridlist: ['u3'], searchable: 1 });
  });

  it.each([90002, 90018, 90019])(
    'retries errcode %d and succeeds, even for a create',
    async (errcode) => {
      reply = (_req, i) =>
        i === 0
          ? { body: { errcode, errmsg: 'too fast' } }
          : { body: { errcode: 0, chatid: 'c', openConversationId: 'o' } };
      await local.clients.groupChats.createChat({ name: 'Ops', owner: 'u1', userIds: ['u1'] });
      expect(calls()).toHaveLength(2);
    },
  );

  it('does not retry errcode 90020 (monthly quota)', async () => {
    reply = () => ({ body: { errcode: 90020, errmsg: 'quota' } });
    await expect(local.clients.groupChats.getChat('c')).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      remoteCode: '90020',
    });
    expect(calls()).toHaveLength(1);
  });

  it('retries a non-JSON ban page and succeeds', async () => {
    reply = (_req, i) =>
      i === 0
        ? { status: 200, body: 'status: 1111\npunish: deny' }
        : { body: { errcode: 0, chat_info: { name: 'g' } } };
    await expect(local.clients.groupChats.getChat('c')).resolves.toMatchObject({ name: 'g' });
    expect(calls()).toHaveLength(2);
  });

  it('reports a persistent ban as BANNED', async () => {
    reply = () => ({ status: 200, body: '<html>punish: deny</html>' });
    await expect(local.clients.groupChats.getChat('c')).rejects.toMatchObject({
      code: 'BANNED',
      retryable: true,
    });
    expect(calls()).toHaveLength(5);
  });

  it('does not repeat a create whose answer timed out', async () => {
    local.connect({ requestTimeoutMs: 100 });
    reply = () => ({ hang: true });
    await expect(
      local.clients.groupChats.createChat({ name: 'Ops', owner: 'u1', userIds: ['u1'] }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(calls()).toHaveLength(1);
  });
});
