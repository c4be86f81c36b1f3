import { startEmulator, type RunningEmulator } from '../../../emulator';
import { dingtalkApi, dingtalkToken, http, manualClock, oapi } from './helpers';

/** DingTalk access tokens: reuse, sharing between APIs, expiry, wrong credentials. */
let emu: RunningEmulator;
const clock = manualClock();
const LIFETIME_SECONDS = 60;

beforeAll(async () => {
  emu = await startEmulator({
    clock: clock.now,
    tokenLifetimeSeconds: LIFETIME_SECONDS,
    dingtalkApps: [{ appKey: 'second-app', appSecret: 'second-secret' }],
  });
});

afterAll(async () => {
  await emu.stop();
});

const queryPlugins = (token: string) =>
  dingtalkApi(emu, '/v1.0/robot/plugins/query', token, { robotCode: 'dingrobottest' });
const getChat = (token: string) => oapi(emu, 'GET', '/chat/get', token, { query: { chatid: 'x' } });

describe('access tokens', () => {
  it('are the same while valid, per app, and shared with the old API', async () => {
    const first = await http(emu, 'POST', '/v1.0/oauth2/accessToken', {
      body: { appKey: 'test', appSecret: 'test' },
    });
    expect(first.json).toEqual({ accessToken: expect.any(String), expireIn: LIFETIME_SECONDS });
    const again = await dingtalkToken(emu);
    expect(again).toBe(first.json.accessToken);
    const old = await http(emu, 'GET', '/gettoken?appkey=test&appsecret=test');
    expect(old.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      access_token: again,
      expires_in: LIFETIME_SECONDS,
    });
    const other = await dingtalkToken(emu, { appKey: 'second-app', appSecret: 'second-secret' });
    expect(other).not.toBe(again);
  });

  it('expire after their lifetime: InvalidAuthentication and errcode 40014', async () => {
    const token = await dingtalkToken(emu);
    clock.advance((LIFETIME_SECONDS - 1) * 1000);
    expect((await queryPlugins(token)).status).toBe(200);
    clock.advance(2000);
    const expired = await queryPlugins(token);
    expect(expired.status).toBe(400);
    expect(expired.json.code).toBe('InvalidAuthentication');
    expect((await getChat(token)).json.errcode).toBe(40014);

    const fresh = await dingtalkToken(emu);
    expect(fresh).not.toBe(token);
    expect((await queryPlugins(fresh)).status).toBe(200);
  });

  it('are renewed when asked for again while valid', async () => {
    const token = await dingtalkToken(emu);
    clock.advance((LIFETIME_SECONDS - 10) * 1000);
    expect(await dingtalkToken(emu)).toBe(token);
    clock.advance(20 * 1000);
    expect((await queryPlugins(token)).status).toBe(200);
  });

  it('are refused to wrong app credentials', async () => {
    const wrongNew = await http(emu, 'POST', '/v1.0/oauth2/accessToken', {
      body: { appKey: 'test', appSecret: 'nope' },
    });
    expect(wrongNew.status).toBe(400);
    expect(wrongNew.json.code).toBe('invalidClientIdOrSecret');
    const noBody = await http(emu, 'POST', '/v1.0/oauth2/accessToken');
    expect(noBody.status).toBe(400);
    const wrongOld = await http(emu, 'GET', '/gettoken?appkey=test&appsecret=nope');
    expect(wrongOld.status).toBe(200);
    expect(wrongOld.json.errcode).toBe(40089);
  });
});
