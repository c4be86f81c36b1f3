import { startEmulator, type RunningEmulator } from '../../../emulator';
import {
  alicloudClient,
  dingtalkApi,
  dingtalkToken,
  failure,
  http,
  manualClock,
  oapi,
  rpc,
} from './helpers';

/**
 * Above the configured rate, each family answers as its real service throttles. The
 * clock stands still so every call falls in the same one-second window.
 */
let emu: RunningEmulator;
const clock = manualClock();
let token: string;

beforeAll(async () => {
  emu = await startEmulator({
    clock: clock.now,
    rateLimitPerSecond: 2,
    rateLimits: { 'dingtalk-tokens': 3 },
  });
  token = await dingtalkToken(emu);
});

afterAll(async () => {
  await emu.stop();
});

beforeEach(() => clock.advance(1000));

describe('rate limits', () => {
  it('OOS: Throttling.User with HTTP 400, per action', async () => {
    const client = alicloudClient(emu);
    const list = () => rpc(client, 'ListChatConfigurations', { RegionId: 'cn-hangzhou' });
    await list();
    await list();
    const error = await failure(list());
    expect({ code: error.code, status: error.statusCode }).toEqual({
      code: 'Throttling.User',
      status: 400,
    });
    // Another action has its own budget.
    const other = await failure(
      rpc(client, 'GetChatConfiguration', { RegionId: 'cn-hangzhou', Name: 'x' }),
    );
    expect(other.code).toBe('EntityNotExists.ChatConfiguration');
    // The next second has a fresh budget.
    clock.advance(1000);
    expect((await list()).ChatConfigurations).toEqual([]);
  });

  it('Security Center: Throttling.User with HTTP 400', async () => {
    const client = alicloudClient(emu, { signatureAlgorithm: 'v2' });
    await rpc(client, 'DescribeDingTalk', {});
    await rpc(client, 'DescribeDingTalk', {});
    const error = await failure(rpc(client, 'DescribeDingTalk', {}));
    expect({ code: error.code, status: error.statusCode }).toEqual({
      code: 'Throttling.User',
      status: 400,
    });
  });

  it('robot plugins (new API): HTTP 403 with a QpsLimit code', async () => {
    const query = () =>
      dingtalkApi(emu, '/v1.0/robot/plugins/query', token, { robotCode: 'dingrobottest' });
    expect((await query()).status).toBe(200);
    expect((await query()).status).toBe(200);
    const throttled = await query();
    expect(throttled.status).toBe(403);
    expect(throttled.json.code).toContain('QpsLimit');
  });

  it('group chats (old API): errcode 90018 with HTTP 200', async () => {
    const get = () => oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });
    expect((await get()).json.errcode).toBe(34013);
    expect((await get()).json.errcode).toBe(34013);
    const throttled = await get();
    expect(throttled.status).toBe(200);
    expect(throttled.json.errcode).toBe(90018);
  });

  it('tokens: a per-family limit, 403 QpsLimit (new API) and 90018 (old API)', async () => {
    const issue = () =>
      http(emu, 'POST', '/v1.0/oauth2/accessToken', {
        body: { appKey: 'test', appSecret: 'test' },
      });
    for (let i = 0; i < 3; i += 1) expect((await issue()).status).toBe(200);
    const throttled = await issue();
    expect(throttled.status).toBe(403);
    expect(throttled.json.code).toBe('Forbidden.AccessDenied.QpsLimitForApi');
    const old = () => http(emu, 'GET', '/gettoken?appkey=test&appsecret=test');
    for (let i = 0; i < 3; i += 1) expect((await old()).json.errcode).toBe(0);
    expect((await old()).json.errcode).toBe(90018);
  });

  it('are logged as throttled', async () => {
    const log = emu.requests().requests.filter((r) => r.throttled);
    expect(log.length).toBeGreaterThanOrEqual(5);
    expect(new Set(log.map((r) => r.family))).toEqual(
      new Set(['oos', 'security-center', 'robot-plugins', 'group-chats', 'dingtalk-tokens']),
    );
  });
});
