import { startEmulator, type RunningEmulator } from '../../../emulator';
import { alicloudClient, dingtalkApi, dingtalkToken, http, oapi, rpc, sendV1 } from './helpers';

/** `/_emulator/`: state, reset, request log (redacted), directory. */
let emu: RunningEmulator;

const AK_SECRET = 'ak-secret-7f3e9c';
const APP_SECRET = 'app-secret-41d2aa';
const CLIENT_SECRET = 'client-secret-b8e0f1';
const ROBOT_TOKEN = 'robot-webhook-token-5c6d';
const STS_TOKEN = 'sts-token-9a8b7c';

beforeAll(async () => {
  emu = await startEmulator({
    accessKeys: [{ accessKeyId: 'ops-key', accessKeySecret: AK_SECRET }],
    stsTokens: [{ accessKeyId: 'STS.ops', accessKeySecret: AK_SECRET, securityToken: STS_TOKEN }],
    dingtalkApps: [{ appKey: 'ops-app', appSecret: APP_SECRET }],
  });
});

afterAll(async () => {
  await emu.stop();
});

/** Touches every family with secrets in the parameters. */
async function traffic(): Promise<string[]> {
  const client = alicloudClient(emu, { accessKeyId: 'ops-key', accessKeySecret: AK_SECRET });
  await rpc(client, 'CreateChatConfiguration', {
    RegionId: 'cn-hangzhou',
    Name: 'ops',
    Type: 'DingTalk',
    Configuration: JSON.stringify({ DingTalkClientId: 'id', DingTalkClientSecret: CLIENT_SECRET }),
  });
  const sts = alicloudClient(emu, {
    accessKeyId: 'STS.ops',
    accessKeySecret: AK_SECRET,
    securityToken: STS_TOKEN,
    signatureAlgorithm: 'v2',
  });
  await rpc(sts, 'CreateOrUpdateDingTalk', {
    RuleActionName: 'ops alerts',
    SendUrl: `https://oapi.dingtalk.com/robot/send?access_token=${ROBOT_TOKEN}`,
  });
  let signature = '';
  await sendV1(emu, {
    action: 'ListChatConfigurations',
    accessKeyId: 'ops-key',
    accessKeySecret: AK_SECRET,
    afterSigning: (query) => {
      signature = query.Signature;
    },
  });
  const token = await dingtalkToken(emu, { appKey: 'ops-app', appSecret: APP_SECRET });
  await http(emu, 'GET', `/gettoken?appkey=ops-app&appsecret=${APP_SECRET}`);
  await dingtalkApi(emu, '/v1.0/robot/plugins/query', token, { robotCode: 'dingrobottest' });
  await oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });
  return [AK_SECRET, APP_SECRET, CLIENT_SECRET, ROBOT_TOKEN, STS_TOKEN, signature, token];
}

describe('GET /_emulator/requests', () => {
  it('counts requests per action and never shows a secret', async () => {
    emu.clearRequests();
    const secrets = await traffic();
    const res = await http(emu, 'GET', '/_emulator/requests');
    expect(res.json.counts).toMatchObject({
      'oos:CreateChatConfiguration': 1,
      'oos:ListChatConfigurations': 1,
      'security-center:CreateOrUpdateDingTalk': 1,
      'dingtalk-tokens:oauth2/accessToken': 1,
      'dingtalk-tokens:gettoken': 1,
      'robot-plugins:robot/plugins/query': 1,
      'group-chats:chat/get': 1,
    });
    expect(res.json.total).toBe(7);
    const create = res.json.requests.find(
      (r: { action: string }) => r.action === 'CreateChatConfiguration',
    );
    expect(create.params).toMatchObject({ Name: 'ops', RegionId: 'cn-hangzhou' });
    expect(create.params.Configuration).toContain('DingTalkClientId');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(res.text).not.toContain(secret);
      expect(res.text).not.toContain(encodeURIComponent(secret));
    }
    expect(JSON.stringify(emu.requests())).not.toContain(CLIENT_SECRET);
  });

  it('can be cleared', async () => {
    await http(emu, 'DELETE', '/_emulator/requests');
    expect((await http(emu, 'GET', '/_emulator/requests')).json).toEqual({
      requests: [],
      counts: {},
      total: 0,
    });
  });
});

describe('GET and DELETE /_emulator/state', () => {
  it('shows every object with its secrets, then resets', async () => {
    emu.reset();
    await traffic();
    const res = await http(emu, 'GET', '/_emulator/state');
    expect(res.json).toEqual(emu.state());
    expect(res.text).toContain(CLIENT_SECRET);
    expect(res.text).toContain(ROBOT_TOKEN);
    expect(res.json.oos.chatConfigurations).toHaveLength(1);
    expect(res.json.securityCenter.notifications).toHaveLength(1);
    expect(Object.keys(res.json.tokens)).toHaveLength(1);
    expect(res.json.directory.robots.map((r: { robotCode: string }) => r.robotCode)).toContain(
      'dingrobottest',
    );

    expect((await http(emu, 'DELETE', '/_emulator/state')).json).toEqual({ reset: true });
    const after = (await http(emu, 'GET', '/_emulator/state')).json;
    expect(after.oos.chatConfigurations).toEqual([]);
    expect(after.securityCenter.notifications).toEqual([]);
    expect(after.tokens).toEqual({});
  });
});

describe('/_emulator/directory', () => {
  it('adds users and robots that the APIs then know', async () => {
    const added = await http(emu, 'POST', '/_emulator/directory', {
      body: {
        users: [{ userId: 'zed', name: 'Zed' }],
        robots: [{ robotCode: 'dingnewrobot', appKey: 'test' }],
      },
    });
    expect(added.status).toBe(201);
    const token = await dingtalkToken(emu);
    const chat = await oapi(emu, 'POST', '/chat/create', token, {
      body: { name: 'With Zed', owner: 'zed', useridlist: ['zed', 'alice'] },
    });
    expect(chat.json.errcode).toBe(0);
    const plugins = await dingtalkApi(emu, '/v1.0/robot/plugins/query', token, {
      robotCode: 'dingnewrobot',
    });
    expect(plugins.status).toBe(200);
    const listed = await http(emu, 'GET', '/_emulator/directory');
    expect(listed.json.users).toContainEqual({ userId: 'zed', name: 'Zed' });
    expect(listed.json.numberedUsers).toEqual({ first: 'user0001', last: 'user1100' });
  });

  it('refuses malformed entries', async () => {
    const res = await http(emu, 'POST', '/_emulator/directory', { body: { users: [{}] } });
    expect(res.status).toBe(400);
  });
});

describe('the control API', () => {
  it('answers 404 for unknown endpoints and reports health', async () => {
    expect((await http(emu, 'GET', '/_emulator/nothing')).status).toBe(404);
    expect((await http(emu, 'GET', '/_emulator/health')).json).toEqual({ ok: true });
  });

  it('is neither logged nor rate limited', async () => {
    emu.clearRequests();
    for (let i = 0; i < 3; i += 1) await http(emu, 'GET', '/_emulator/state');
    expect(emu.requests().total).toBe(0);
  });
});

describe('who the control API answers', () => {
  beforeEach(() => {
    emu.reset();
    emu.clearFaults();
  });

  it('refuses a request whose Host is not its own loopback address and port', async () => {
    await traffic();
    for (const host of [
      `rebound.example.invalid:${emu.port}`,
      'rebound.example.invalid',
      `127.0.0.1:${emu.port + 1}`,
      `[::1]:${emu.port}`,
    ]) {
      const res = await http(emu, 'GET', '/_emulator/state', { headers: { host } });

      expect({ host, status: res.status }).toEqual({ host, status: 403 });
      expect(res.json.error).toContain(`127.0.0.1:${emu.port}`);
      expect(res.text).not.toContain(CLIENT_SECRET);
    }
    const byName = await http(emu, 'GET', '/_emulator/health', {
      headers: { host: `localhost:${emu.port}` },
    });
    expect(byName.status).toBe(200);
  });

  it('refuses writes that are not JSON, so a web page cannot send them', async () => {
    const rule = JSON.stringify({ family: 'oos', kind: 'error', code: 'ServiceUnavailable' });
    const plain = await http(emu, 'POST', '/_emulator/faults', {
      rawBody: rule,
      headers: { 'content-type': 'text/plain' },
    });
    const form = await http(emu, 'PUT', '/_emulator/access', {
      rawBody: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const reset = await http(emu, 'DELETE', '/_emulator/state', {
      rawBody: '{}',
      headers: { 'content-type': 'text/plain' },
    });

    expect([plain.status, form.status, reset.status]).toEqual([415, 415, 415]);
    expect(plain.json.error).toMatch(/content-type: application\/json/);
    expect(emu.faults()).toEqual([]);
  });

  it('refuses a bodiless POST without a content type, and takes one with it', async () => {
    const token = await dingtalkToken(emu);
    const created = await oapi(emu, 'POST', '/chat/create', token, {
      body: { name: 'ops', owner: 'manager4220', useridlist: ['manager4220'] },
    });
    const chatId = created.json.chatid as string;
    const path = `/_emulator/dingtalk/groups/${chatId}/dismiss`;

    const bare = await http(emu, 'POST', path, { headers: { 'content-type': '' } });
    expect(bare.status).toBe(415);
    expect(emu.state().groupChats[chatId].status).toBe(1);
    expect((await http(emu, 'POST', path)).status).toBe(200);
    expect(emu.state().groupChats[chatId].status).toBe(2);
  });

  it('takes a DELETE without a body or content type', async () => {
    emu.addFault({ family: 'oos', kind: 'delay', delayMs: 1 });
    const res = await http(emu, 'DELETE', '/_emulator/faults', { headers: { 'content-type': '' } });

    expect(res.json).toEqual({ cleared: 1 });
  });
});
