import { startEmulator, type RunningEmulator } from '../../../emulator';
import { alicloudClient, dingtalkApi, dingtalkToken, failure, http, oapi, rpc } from './helpers';

/** Each fault kind, applied by family, action or path, N times or with a probability. */
let emu: RunningEmulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
});

// reset() forgets tokens too, so every test starts with a fresh one.
beforeEach(async () => {
  token = await dingtalkToken(emu);
});

afterEach(() => {
  emu.clearFaults();
  emu.reset();
});

afterAll(async () => {
  await emu.stop();
});

const listOos = () =>
  rpc(alicloudClient(emu), 'ListChatConfigurations', { RegionId: 'cn-hangzhou' });
const queryPlugins = () =>
  dingtalkApi(emu, '/v1.0/robot/plugins/query', token, { robotCode: 'dingrobottest' });

describe('error faults', () => {
  it('answer the given code and status in each family style, N times', async () => {
    emu.addFault({
      family: 'oos',
      action: 'ListChatConfigurations',
      kind: 'error',
      status: 503,
      code: 'ServiceUnavailable',
      times: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      const error = await failure(listOos());
      expect({ code: error.code, status: error.statusCode }).toEqual({
        code: 'ServiceUnavailable',
        status: 503,
      });
    }
    expect((await listOos()).ChatConfigurations).toEqual([]);
    expect(emu.faults()[0].applied).toBe(2);

    emu.addFault({ family: 'robot-plugins', kind: 'error', status: 500, code: 'system.error' });
    const api = await queryPlugins();
    expect(api.status).toBe(500);
    expect(api.json).toMatchObject({ code: 'system.error', requestid: expect.any(String) });

    emu.addFault({ path: '/chat/get', kind: 'error', code: '90002', message: 'busy' });
    const old = await oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });
    expect(old.status).toBe(200);
    expect(old.json).toEqual({ errcode: 90002, errmsg: 'busy' });
  });

  it('with probability 0 never apply', async () => {
    emu.addFault({ family: 'oos', kind: 'error', code: 'InternalError', probability: 0 });
    expect((await listOos()).ChatConfigurations).toEqual([]);
    expect(emu.faults()[0].applied).toBe(0);
  });

  it('leave other families alone', async () => {
    emu.addFault({ family: 'security-center', kind: 'error', code: 'ServerError', status: 500 });
    expect((await listOos()).ChatConfigurations).toEqual([]);
  });
});

describe('delay faults', () => {
  it('answer normally after the delay, and are logged', async () => {
    emu.addFault({ family: 'robot-plugins', kind: 'delay', delayMs: 50, times: 1 });
    const res = await queryPlugins();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ pluginInfoList: [] });
    const last = emu.requests().requests.at(-1);
    expect(last).toMatchObject({ fault: 'delay', status: 200, action: 'robot/plugins/query' });
  });
});

describe('connection faults', () => {
  it('reset the connection without an answer', async () => {
    emu.addFault({ action: 'robot/plugins/query', kind: 'reset', times: 1 });
    await expect(queryPlugins()).rejects.toThrow();
    expect((await queryPlugins()).status).toBe(200);
  });

  it('commit, then drop: the write happens but the client never hears', async () => {
    emu.addFault({ action: 'CreateChatConfiguration', kind: 'commit-then-drop', times: 1 });
    const client = alicloudClient(emu);
    const create = () =>
      rpc(client, 'CreateChatConfiguration', {
        RegionId: 'cn-hangzhou',
        Name: 'committed',
        Type: 'DingTalk',
        Configuration: '{"DingTalkClientId": "id"}',
      });
    const dropped = await failure(create());
    expect(dropped.code).not.toBe('EntityAlreadyExists.ChatConfiguration');
    const state = emu.state();
    expect(state.oos.chatConfigurations.map((c) => c.name)).toEqual(['committed']);
    expect((await failure(create())).code).toBe('EntityAlreadyExists.ChatConfiguration');
    expect(emu.requests().requests.some((r) => r.fault === 'commit-then-drop')).toBe(true);
  });
});

describe('token expiry faults', () => {
  it('expire every token before the request, which then meets an expired token', async () => {
    emu.addFault({ action: 'robot/plugins/query', kind: 'expire-tokens', times: 1 });
    const refused = await queryPlugins();
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('InvalidAuthentication');
    // The old API shares the token, so it is refused there too.
    const oldApi = await oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });
    expect(oldApi.json.errcode).toBe(40014);
    const renewed = await dingtalkToken(emu);
    expect(renewed).not.toBe(token);
    const query = await dingtalkApi(emu, '/v1.0/robot/plugins/query', renewed, {
      robotCode: 'dingrobottest',
    });
    expect(query.status).toBe(200);
    expect(emu.requests().requests.filter((r) => r.fault === 'expire-tokens')).toHaveLength(1);
  });
});

describe('ban page faults', () => {
  it('serve a non-JSON page', async () => {
    emu.addFault({ family: 'group-chats', kind: 'ban-page' });
    const res = await oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('punish');
    expect(res.text).toContain('1111');
    expect(() => JSON.parse(res.text)).toThrow();
  });
});

describe('the faults control API', () => {
  it('adds, lists, removes and clears rules', async () => {
    const added = await http(emu, 'POST', '/_emulator/faults', {
      body: [
        { family: 'oos', kind: 'error', code: 'Throttling', status: 429 },
        { path: '/gettoken', kind: 'reset' },
      ],
    });
    expect(added.status).toBe(201);
    const [first, second] = added.json.faults as { id: string }[];
    expect((await failure(listOos())).statusCode).toBe(429);

    expect((await http(emu, 'DELETE', `/_emulator/faults/${first.id}`)).status).toBe(200);
    expect((await listOos()).ChatConfigurations).toEqual([]);
    const listed = await http(emu, 'GET', '/_emulator/faults');
    expect(listed.json.faults.map((f: { id: string }) => f.id)).toEqual([second.id]);

    expect((await http(emu, 'DELETE', '/_emulator/faults')).json).toEqual({ cleared: 1 });
    expect((await http(emu, 'GET', '/gettoken?appkey=test&appsecret=test')).json.errcode).toBe(0);
  });

  it('refuses malformed rules with a reason', async () => {
    const noCode = await http(emu, 'POST', '/_emulator/faults', { body: { kind: 'error' } });
    expect(noCode.status).toBe(400);
    expect(noCode.json.error).toContain('code');
    const badKind = await http(emu, 'POST', '/_emulator/faults', { body: { kind: 'explode' } });
    expect(badKind.status).toBe(400);
    const badFamily = await http(emu, 'POST', '/_emulator/faults', {
      body: { kind: 'reset', family: 'ecs' },
    });
    expect(badFamily.status).toBe(400);
    expect(emu.faults()).toEqual([]);
  });
});
