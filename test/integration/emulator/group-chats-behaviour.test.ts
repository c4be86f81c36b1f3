import { startEmulator, type RunningEmulator } from '../../../emulator';
import { dingtalkToken, http, oapi } from './helpers';

/** Group chats of the old API: limits, membership rules, errcodes, dismissal. */
let emu: RunningEmulator;
let token: string;

const numbered = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `user${String(from + i).padStart(4, '0')}`);

beforeAll(async () => {
  emu = await startEmulator();
  token = await dingtalkToken(emu);
});

afterAll(async () => {
  await emu.stop();
});

const create = (body: Record<string, unknown>) =>
  oapi(emu, 'POST', '/chat/create', token, {
    body: { name: 'Ops', owner: 'alice', useridlist: ['alice', 'bob'], ...body },
  });
const get = (chatid: string) => oapi(emu, 'GET', '/chat/get', token, { query: { chatid } });
const update = (body: Record<string, unknown>) =>
  oapi(emu, 'POST', '/chat/update', token, { body });

async function newChat(body: Record<string, unknown> = {}): Promise<string> {
  const res = await create(body);
  expect(res.json.errcode).toBe(0);
  return res.json.chatid as string;
}

describe('chat/create and chat/get', () => {
  it('create a group and read it back', async () => {
    const res = await create({ searchable: 1, chatBannedType: 1 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ errcode: 0, errmsg: 'ok', conversationTag: 2 });
    expect(res.json.chatid).toMatch(/^chat[0-9a-f]{32}$/);
    expect(res.json.openConversationId).toMatch(/^cid/);
    const info = (await get(res.json.chatid)).json.chat_info;
    expect(info).toMatchObject({
      name: 'Ops',
      owner: 'alice',
      useridlist: ['alice', 'bob'],
      searchable: 1,
      chatBannedType: 1,
      showHistoryType: 0,
      validationType: 0,
      mentionAllAuthority: 0,
      managementType: 0,
      status: 1,
    });
  });

  it('take names of 1 to 20 characters, counted as characters', async () => {
    expect((await create({ name: '全员群'.repeat(6) + '群群' })).json.errcode).toBe(0);
    for (const name of ['', 'x'.repeat(21)]) {
      const res = await create({ name });
      expect(res.status).toBe(200);
      expect(res.json.errcode).toBe(40035);
      expect(res.json.errmsg).toContain('name');
    }
  });

  it('require the owner to be a member (34009)', async () => {
    expect((await create({ owner: 'carol' })).json.errcode).toBe(34009);
  });

  it('take at most 40 users per call (34014)', async () => {
    const forty = numbered(1, 40);
    expect((await create({ owner: forty[0], useridlist: forty })).json.errcode).toBe(0);
    const fortyOne = numbered(1, 41);
    expect((await create({ owner: fortyOne[0], useridlist: fortyOne })).json.errcode).toBe(34014);
  });

  it('require users to exist (60121)', async () => {
    const res = await create({ useridlist: ['alice', 'mallory'] });
    expect(res.json.errcode).toBe(60121);
    expect(res.json.errmsg).toContain('mallory');
  });

  it('answer 34013 for an unknown chat, with HTTP 200', async () => {
    const res = await get('chat00000000000000000000000000000000');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ errcode: 34013, errmsg: '找不到群会话对象 (chat not found)' });
  });

  it('validate the six settings as 0 or 1', async () => {
    expect((await create({ managementType: 2 })).json.errcode).toBe(40035);
  });
});

describe('chat/update', () => {
  it('changes only the fields present', async () => {
    const chatid = await newChat({ searchable: 1, validationType: 1 });
    expect((await update({ chatid, name: 'Renamed', chatBannedType: 1 })).json.errcode).toBe(0);
    const info = (await get(chatid)).json.chat_info;
    expect(info).toMatchObject({
      name: 'Renamed',
      chatBannedType: 1,
      searchable: 1,
      validationType: 1,
      useridlist: ['alice', 'bob'],
    });
  });

  it('adds and removes members, and moves the owner', async () => {
    const chatid = await newChat();
    await update({ chatid, add_useridlist: ['carol', 'dave'], del_useridlist: ['bob'] });
    await update({ chatid, owner: 'carol' });
    const info = (await get(chatid)).json.chat_info;
    expect(info.owner).toBe('carol');
    expect([...info.useridlist].sort()).toEqual(['alice', 'carol', 'dave']);
  });

  it('keeps the owner a member (34009)', async () => {
    const chatid = await newChat();
    expect((await update({ chatid, del_useridlist: ['alice'] })).json.errcode).toBe(34009);
    expect((await update({ chatid, owner: 'erin' })).json.errcode).toBe(34009);
    expect((await get(chatid)).json.chat_info.useridlist).toEqual(['alice', 'bob']);
  });

  it('takes at most 40 users per call and 1000 per group (34014)', async () => {
    const first = numbered(1, 40);
    const chatid = await newChat({ owner: first[0], useridlist: first });
    expect((await update({ chatid, add_useridlist: numbered(41, 41) })).json.errcode).toBe(34014);
    for (let from = 41; from <= 1000; from += 40) {
      const res = await update({ chatid, add_useridlist: numbered(from, 40) });
      expect(res.json.errcode).toBe(0);
    }
    expect((await get(chatid)).json.chat_info.useridlist).toHaveLength(1000);
    const over = await update({ chatid, add_useridlist: ['alice'] });
    expect(over.json.errcode).toBe(34014);
  });

  it('requires added users to exist (60121)', async () => {
    const chatid = await newChat();
    expect((await update({ chatid, add_useridlist: ['ghost'] })).json.errcode).toBe(60121);
  });

  it('answers 34013 for an unknown chat', async () => {
    expect((await update({ chatid: 'chatnope', name: 'x' })).json.errcode).toBe(34013);
  });
});

describe('dismissal (console only)', () => {
  it('reads as status 2 and refuses updates afterwards', async () => {
    const chatid = await newChat();
    const dismissed = await http(emu, 'POST', `/_emulator/dingtalk/groups/${chatid}/dismiss`);
    expect(dismissed.json).toEqual({ chatId: chatid, status: 2 });
    expect((await get(chatid)).json.chat_info.status).toBe(2);
    expect((await update({ chatid, name: 'Back' })).json.errcode).toBe(34013);
  });

  it('answers 404 for an unknown chat', async () => {
    const res = await http(emu, 'POST', '/_emulator/dingtalk/groups/chatnope/dismiss');
    expect(res.status).toBe(404);
  });
});

describe('old-API tokens', () => {
  it('answer errcode 40014 for a missing or wrong access_token', async () => {
    const missing = await http(emu, 'GET', '/chat/get?chatid=x');
    const wrong = await oapi(emu, 'GET', '/chat/get', 'forged', { query: { chatid: 'x' } });
    for (const res of [missing, wrong]) {
      expect(res.status).toBe(200);
      expect(res.json.errcode).toBe(40014);
    }
  });
});
