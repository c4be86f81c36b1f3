import { startEmulator, type RunningEmulator } from '../../../emulator';
import { dingtalkApi, dingtalkToken, http } from './helpers';

/** Robot plugins: replace semantics, limits and the documented error codes. */
let emu: RunningEmulator;
let token: string;

const plugin = (name: string) => ({ name, icon: '@lALPDtXaDkO3j7hgYA' });

beforeAll(async () => {
  emu = await startEmulator({
    maxRobotPlugins: 3,
    directory: { robots: [{ robotCode: 'dingextrarobot', name: 'Added by options' }] },
  });
  token = await dingtalkToken(emu);
});

afterAll(async () => {
  await emu.stop();
});

const set = (body: unknown) => dingtalkApi(emu, '/v1.0/robot/plugins/set', token, body);
const query = (robotCode: string) =>
  dingtalkApi(emu, '/v1.0/robot/plugins/query', token, { robotCode });

describe('robot plugins', () => {
  it('set replaces the whole list, clear empties it', async () => {
    await set({ robotCode: 'dingrobotops', pluginInfoList: [plugin('a'), plugin('b')] });
    const replaced = await set({ robotCode: 'dingrobotops', pluginInfoList: [plugin('c')] });
    expect(replaced.json).toEqual({ result: true });
    expect((await query('dingrobotops')).json.pluginInfoList).toEqual([plugin('c')]);
    const cleared = await dingtalkApi(emu, '/v1.0/robot/plugins/clear', token, {
      robotCode: 'dingrobotops',
    });
    expect(cleared.json).toEqual({ result: true });
    expect((await query('dingrobotops')).json).toEqual({ pluginInfoList: [] });
  });

  it('accepts the configured maximum and refuses one more with exceededMaximumLimit', async () => {
    const three = [plugin('1'), plugin('2'), plugin('3')];
    expect((await set({ robotCode: 'dingrobottest', pluginInfoList: three })).status).toBe(200);
    const four = await set({ robotCode: 'dingrobottest', pluginInfoList: [...three, plugin('4')] });
    expect(four.status).toBe(400);
    expect(four.json.code).toBe('invalidRequest.exceededMaximumLimit');
    expect((await query('dingrobottest')).json.pluginInfoList).toHaveLength(3);
  });

  it('answers param.illegal for a missing name, icon or robotCode', async () => {
    for (const body of [
      { robotCode: 'dingrobottest', pluginInfoList: [{ icon: '@i' }] },
      { robotCode: 'dingrobottest', pluginInfoList: [{ name: 'no icon' }] },
      { pluginInfoList: [plugin('x')] },
    ]) {
      const res = await set(body);
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('param.illegal');
      expect(res.json.requestid).toMatch(/^[0-9A-F-]{36}$/);
    }
  });

  it('answers the robot errors: not exist, not this app, stopped', async () => {
    const cases: [string, string][] = [
      ['dingnosuchrobot', 'invalidRequest.robotNotExist'],
      ['dingrobotforeign', 'invalidRequest.robotCodeNotMatch'],
      ['dingrobotstopped', 'invalidRequest.robotIsStop'],
    ];
    for (const [robotCode, code] of cases) {
      const res = await query(robotCode);
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 400, code });
    }
  });

  it('knows robots added by options', async () => {
    expect((await query('dingextrarobot')).status).toBe(200);
  });

  it('answers invalidRequest.jsonFormatErroj for a body that is not JSON', async () => {
    const res = await http(emu, 'POST', '/v1.0/robot/plugins/set', {
      rawBody: '{"robotCode": ',
      headers: { 'x-acs-dingtalk-access-token': token, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalidRequest.jsonFormatErroj');
  });

  it('answers InvalidAuthentication (400) for a missing or wrong token', async () => {
    const missing = await http(emu, 'POST', '/v1.0/robot/plugins/query', {
      body: { robotCode: 'dingrobottest' },
    });
    const wrong = await dingtalkApi(emu, '/v1.0/robot/plugins/query', 'forged', {
      robotCode: 'dingrobottest',
    });
    for (const res of [missing, wrong]) {
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('InvalidAuthentication');
    }
  });

  it('answers 404 for an unknown new-API path', async () => {
    const res = await dingtalkApi(emu, '/v1.0/robot/plugins/remove', token, {});
    expect(res.status).toBe(404);
  });
});
