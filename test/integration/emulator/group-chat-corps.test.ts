import { startEmulator, type RunningEmulator } from '../../../emulator';
import { dingtalkToken, oapi } from './helpers';

/** Group chats belong to the organisation (corp) of the app that created them. */
let emu: RunningEmulator;
let corpA: string;
let sameCorp: string;
let corpB: string;

beforeAll(async () => {
  emu = await startEmulator({
    dingtalkApps: [
      { appKey: 'corp-a-app', appSecret: 'a-secret', corpId: 'ding-corp-a' },
      { appKey: 'corp-a-other-app', appSecret: 'a2-secret', corpId: 'ding-corp-a' },
      { appKey: 'corp-b-app', appSecret: 'b-secret', corpId: 'ding-corp-b' },
    ],
  });
  corpA = await dingtalkToken(emu, { appKey: 'corp-a-app', appSecret: 'a-secret' });
  sameCorp = await dingtalkToken(emu, { appKey: 'corp-a-other-app', appSecret: 'a2-secret' });
  corpB = await dingtalkToken(emu, { appKey: 'corp-b-app', appSecret: 'b-secret' });
});

afterAll(async () => {
  await emu.stop();
});

const get = (token: string, chatid: string) =>
  oapi(emu, 'GET', '/chat/get', token, { query: { chatid } });
const rename = (token: string, chatid: string, name: string) =>
  oapi(emu, 'POST', '/chat/update', token, { body: { chatid, name } });

describe('a group created by an app of corp A', () => {
  let chatid: string;

  beforeAll(async () => {
    const created = await oapi(emu, 'POST', '/chat/create', corpA, {
      body: { name: 'Corp A ops', owner: 'alice', useridlist: ['alice', 'bob'] },
    });
    expect(created.json.errcode).toBe(0);
    chatid = created.json.chatid as string;
  });

  it('is remembered with its corp', () => {
    expect(emu.state().groupChats[chatid].corpId).toBe('ding-corp-a');
  });

  it('is read and changed by any app of corp A', async () => {
    expect((await get(sameCorp, chatid)).json.chat_info.name).toBe('Corp A ops');
    expect((await rename(sameCorp, chatid, 'Renamed in A')).json.errcode).toBe(0);
  });

  it('answers errcode 34013 to an app of corp B, as an unknown chatid does, and stays as it was', async () => {
    const unknown = await get(corpB, 'chat00000000000000000000000000000000');
    expect(unknown.json.errcode).toBe(34013);
    const read = await get(corpB, chatid);
    expect(read.json).toEqual({ errcode: 34013, errmsg: unknown.json.errmsg });
    const changed = await rename(corpB, chatid, 'Taken by B');
    expect(changed.json).toEqual({ errcode: 34013, errmsg: unknown.json.errmsg });
    expect(emu.state().groupChats[chatid].name).toBe('Renamed in A');
  });

  it('is foreign to the default app, whose corp is the default one', async () => {
    const defaultApp = await dingtalkToken(emu);
    expect((await get(defaultApp, chatid)).json.errcode).toBe(34013);
  });
});
