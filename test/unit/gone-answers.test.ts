import { readFileSync } from 'fs';
import { join } from 'path';
import { createClients, Clients } from '../../provider/clients';
import { GONE_ANSWERS } from '../../provider/clients/gone-answers';
import { ChatOpsError } from '../../provider/errors';
import { SkippingClock } from './helpers/clocks';
import { LocalServer, Reply, startLocalServer } from './helpers/local-server';
import { FAST_BACKOFF, localSettings } from './helpers/settings';

/**
 * Every answer that means "this object does not exist" is read as such by the client step
 * that meets it, and nothing else is: answers that look alike fail with the vendor's code and
 * request id, so no resource leaves Pulumi state on them.
 */

let server: LocalServer;
let clients: Clients;
let answer: Reply;

const TOKEN_PATH = '/v1.0/oauth2/accessToken';

beforeAll(async () => {
  server = await startLocalServer((req) =>
    req.url === TOKEN_PATH ? { body: { accessToken: 'token-abc', expireIn: 7200 } } : answer,
  );
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  clients = createClients(() => localSettings(server.url), {
    clock: new SkippingClock(Date.now()),
    backoff: FAST_BACKOFF,
  });
});
afterEach(async () => {
  await clients.close();
});

const alicloud = (status: number, code: string): Reply => ({
  status,
  body: { Code: code, Message: `${code} message`, RequestId: 'REQ-ALI-1' },
});
const newApi = (status: number, code: string): Reply => ({
  status,
  body: { code, message: `${code} message`, requestid: 'REQ-DT-1' },
});
const oldApi = (errcode: number, extra: Record<string, unknown> = {}): Reply => ({
  body: { errcode, errmsg: `errcode ${errcode}`, request_id: 'REQ-OAPI-1', ...extra },
});

const key = { regionId: 'cn-hangzhou', name: 'ops' };
const spec = {
  regionId: 'cn-hangzhou',
  name: 'ops',
  type: 'DingTalk' as const,
  configuration: { DingTalkClientId: 'id' },
};

/** Each client step that can meet a "gone" answer, and what it makes of one. */
const steps = {
  'oos get': { run: (c: Clients) => c.oos.getChatConfiguration(key), gone: 'NOT_FOUND' },
  'oos delete': { run: (c: Clients) => c.oos.deleteChatConfiguration(key), gone: 'NOT_FOUND' },
  'sas delete': {
    run: (c: Clients) => c.securityCenter.deleteDingTalk('cn-hangzhou', [7]),
    gone: 'NOT_FOUND',
  },
  'oos update': { run: (c: Clients) => c.oos.updateChatConfiguration(spec), gone: 'NOT_FOUND' },
  'sas status': {
    run: (c: Clients) => c.securityCenter.modifyDingTalkStatus('cn-hangzhou', [7], true),
    gone: 'NOT_FOUND',
  },
  'sas describe': {
    run: (c: Clients) => c.securityCenter.describeDingTalk('cn-hangzhou', {}),
    gone: 'never',
  },
  'robot query': {
    run: (c: Clients) => c.robotPlugins.queryPlugins('robot-1'),
    gone: 'NOT_FOUND',
  },
  'robot clear': {
    run: (c: Clients) => c.robotPlugins.clearPlugins('robot-1'),
    gone: 'NOT_FOUND',
  },
  'group get': { run: (c: Clients) => c.groupChats.getChat('chat-1'), gone: undefined },
  'group update': {
    run: (c: Clients) => c.groupChats.updateChat({ chatId: 'chat-1', name: 'x' }),
    gone: 'NOT_FOUND',
  },
} satisfies Record<string, { run: (c: Clients) => Promise<unknown>; gone: unknown }>;
type Step = keyof typeof steps;

describe('answers that mean "gone"', () => {
  it.each<[Step, Reply]>([
    ['oos get', alicloud(404, 'EntityNotExists.ChatConfiguration')],
    ['oos delete', alicloud(404, 'EntityNotExists.ChatConfiguration')],
    ['oos update', alicloud(404, 'EntityNotExists.ChatConfiguration')],
    ['sas status', alicloud(400, 'DingTalkNotExist')],
    ['robot query', newApi(400, 'invalidRequest.robotNotExist')],
    ['robot clear', newApi(400, 'invalidRequest.robotNotExist')],
    ['group get', oldApi(34013)],
    ['group update', oldApi(34013)],
  ])('%s: %j', async (step, reply) => {
    answer = reply;
    const { run, gone } = steps[step];
    if (gone === 'NOT_FOUND') {
      await expect(run(clients)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } else {
      await expect(run(clients)).resolves.toBe(gone);
    }
  });
});

/**
 * No source publishes the code OOS or Security Center answers for a missing chat configuration
 * or notification, so the clients read every not-found spelling as NOT_FOUND: a claim that the
 * resources confirm against a complete listing before they believe it (gone-proof.ts).
 */
describe('not-found spellings of the Alibaba Cloud object calls, each a claim', () => {
  it.each<[Step, Reply]>([
    ['oos get', alicloud(404, 'EntityNotExists.Template')],
    ['oos get', alicloud(404, 'ChatConfigurationNotFound')],
    ['oos get', alicloud(400, 'DataNotExist')],
    ['oos get', alicloud(404, '')],
    ['oos delete', alicloud(400, 'InvalidId')],
    ['oos update', alicloud(400, 'EntityNotExist.ChatConfiguration')],
    ['sas status', alicloud(404, 'DingTalk.NotFound')],
    ['sas status', alicloud(400, 'DataNotExists')],
    ['sas delete', alicloud(400, 'InvalidId.DingTalk')],
    ['sas delete', alicloud(400, 'NotificationNotExist')],
  ])('%s: %j is a NOT_FOUND claim with the vendor code and request id', async (step, reply) => {
    answer = reply;
    await expect(steps[step].run(clients)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      requestId: 'REQ-ALI-1',
    });
  });

  it('never makes a claim of a listing, an identity or a permission answer', async () => {
    answer = alicloud(404, 'EntityNotExists.Whatever');
    await expect(steps['sas describe'].run(clients)).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
    });
    answer = alicloud(400, 'NoPermission.NotExist');
    await expect(steps['sas status'].run(clients)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });
});

describe('answers that look alike but do not mean "gone"', () => {
  it.each<[Step, Reply, string]>([
    ['oos get', alicloud(404, 'InvalidApi.NotFound'), 'API_UNAVAILABLE'],
    ['oos get', alicloud(404, 'InvalidProduct.NotFound'), 'API_UNAVAILABLE'],
    ['oos get', alicloud(404, 'InvalidAction.NotFound'), 'API_UNAVAILABLE'],
    ['oos get', alicloud(404, 'InvalidVersion.NotFound'), 'API_UNAVAILABLE'],
    ['oos get', alicloud(400, 'InvalidParameter.Name'), 'INVALID_INPUT'],
    ['oos get', alicloud(403, 'Forbidden.RAM'), 'PERMISSION_DENIED'],
    ['oos delete', alicloud(404, 'InvalidApi.NotFound'), 'API_UNAVAILABLE'],
    ['oos delete', alicloud(403, 'Forbidden.RAM'), 'PERMISSION_DENIED'],
    ['oos update', alicloud(404, 'InvalidProduct.NotFound'), 'API_UNAVAILABLE'],
    ['sas describe', alicloud(404, 'InvalidApi.NotFound'), 'API_UNAVAILABLE'],
    ['sas describe', alicloud(403, 'NoPermission'), 'PERMISSION_DENIED'],
    ['sas status', alicloud(403, 'NoPermission'), 'PERMISSION_DENIED'],
    ['sas status', alicloud(500, 'ServerError'), 'REMOTE_UNAVAILABLE'],
    ['robot query', newApi(404, 'InvalidAction.NotFound'), 'API_UNAVAILABLE'],
    [
      'robot query',
      newApi(403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied'),
      'PERMISSION_DENIED',
    ],
    ['robot query', newApi(400, 'invalidRequest.robotIsStop'), 'INVALID_INPUT'],
    ['robot query', newApi(400, 'resource.NotExist'), 'INVALID_INPUT'],
    ['robot clear', newApi(404, 'InvalidAction.NotFound'), 'API_UNAVAILABLE'],
    ['group get', oldApi(34001), 'REMOTE_ERROR'],
    ['group get', oldApi(34002), 'REMOTE_ERROR'],
    ['group get', oldApi(88, { sub_code: '60011', sub_msg: 'no permission' }), 'PERMISSION_DENIED'],
    ['group get', oldApi(404), 'API_UNAVAILABLE'],
    ['group get', oldApi(99999), 'REMOTE_ERROR'],
    ['group update', oldApi(34002), 'REMOTE_ERROR'],
  ])('%s: %j fails with %s', async (step, reply, code) => {
    answer = reply;
    const error = await steps[step].run(clients).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChatOpsError);
    const failure = error as ChatOpsError;
    expect(failure.code).toBe(code);
    // The vendor's code and request id are in the message, for a support ticket.
    const body = reply.body as Record<string, unknown>;
    const remoteCode = String(body.Code ?? body.code ?? body.errcode);
    expect(failure.message).toContain(remoteCode);
    expect(failure.message).toMatch(/REQ-(ALI|DT|OAPI)-1/);
  });

  it('says how to drop a group that really is gone when DingTalk does not say so', async () => {
    answer = oldApi(34002);
    await expect(steps['group get'].run(clients)).rejects.toThrow(/pulumi state delete <urn>/);
  });

  it('names the permission point when the app lacks it (errcode 88, sub_code 60011)', async () => {
    answer = oldApi(88, { sub_code: '60011', sub_msg: 'no permission' });
    await expect(steps['group get'].run(clients)).rejects.toThrow(/qyapi_chat_manage/);
  });

  it('does not refetch the token for a missing permission point', async () => {
    answer = oldApi(88, { sub_code: '60011' });
    server.requests.length = 0;
    await expect(steps['group get'].run(clients)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(server.requests.filter((r) => r.url.startsWith('/chat/get'))).toHaveLength(1);
  });
});

describe('the README table', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### What counts as gone'));

  it.each(Object.entries(GONE_ANSWERS))('lists every "gone" code of %s', (_family, codes) => {
    for (const code of codes) expect(section).toContain(`\`${code}\``);
  });
});
