import { accessTokenFetcher } from '../../../provider/clients/dingtalk/access-token';
import { GroupChatClient } from '../../../provider/clients/dingtalk/group-chats';
import { DingTalkOldApiClient } from '../../../provider/clients/dingtalk/old-api';
import { TokenCache } from '../../../provider/clients/dingtalk/token-cache';
import { HttpLayer } from '../../../provider/http/http-layer';
import { SkippingClock } from '../helpers/clocks';
import { LocalServer, RecordedRequest, Reply, startLocalServer } from '../helpers/local-server';
import { SECRETS, localSettings } from '../helpers/settings';

let server: LocalServer;
let http: HttpLayer;
let groups: GroupChatClient;

function serve(reply: (req: RecordedRequest) => Reply) {
  server.handle((req) =>
    req.url === '/v1.0/oauth2/accessToken'
      ? { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } }
      : reply(req),
  );
}
/** The chat calls, without the token request. */
const calls = () => server.requests.filter((r) => !r.url.startsWith('/v1.0/oauth2/'));

beforeEach(async () => {
  server = await startLocalServer();
  const clock = new SkippingClock(Date.now());
  const settings = () => localSettings(server.url, { maxAttempts: 2 });
  http = new HttpLayer({ clock, backoff: { baseMs: 1, capMs: 1 } });
  const tokens = new TokenCache(accessTokenFetcher(http, settings), clock);
  groups = new GroupChatClient(new DingTalkOldApiClient(http, tokens, settings));
});
afterEach(async () => {
  await http.close();
  await server.close();
});

const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

describe('chat/create', () => {
  it('takes 40 users in one call, and refuses 41 before sending anything', async () => {
    serve(() => ({ body: { errcode: 0, chatid: 'chat-1', openConversationId: 'cid-1' } }));
    await expect(
      groups.createChat({ name: 'ops', owner: 'u0', userIds: users(40) }),
    ).resolves.toEqual({
      chatId: 'chat-1',
      openConversationId: 'cid-1',
    });
    const refused = await groups
      .createChat({ name: 'ops', owner: 'u0', userIds: users(41) })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      operation: 'dingtalk:chat/create',
      message:
        'dingtalk:chat/create: userIds holds 41 users but DingTalk takes at most 40 per call. Send the rest in further chat/update calls.',
    });
    expect(calls()).toHaveLength(1);
  });

  it('sends only the flags that are given, and reads the conversation tag', async () => {
    serve(() => ({ body: { errcode: 0, chatid: 'chat-1', conversationTag: '2' } }));
    const created = await groups.createChat({
      name: 'ops',
      owner: 'u0',
      userIds: ['u0'],
      searchable: 1,
      chatBannedType: 0,
    });
    expect(created).toEqual({ chatId: 'chat-1', openConversationId: '', conversationTag: 2 });
    expect(JSON.parse(calls()[0].body)).toEqual({
      name: 'ops',
      owner: 'u0',
      useridlist: ['u0'],
      searchable: 1,
      chatBannedType: 0,
    });
  });

  it('fails without a chatid in a successful answer, telling to look before retrying', async () => {
    serve(() => ({ body: { errcode: 0 } }));
    await expect(
      groups.createChat({ name: 'ops', owner: 'u0', userIds: [] }),
    ).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      operation: 'dingtalk:chat/create',
      message:
        'dingtalk:chat/create: errcode 0 but no chatid in the answer. Look for the group in DingTalk before retrying, to avoid a duplicate.',
    });
  });

  it('is not sent twice when its answer is lost', async () => {
    serve(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    await expect(
      groups.createChat({ name: 'ops', owner: 'u0', userIds: [] }),
    ).rejects.toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
    });
    expect(calls()).toHaveLength(1);
  });
});

describe('chat/get', () => {
  it('reads the group, its flags as 0 or 1 and a dismissed status', async () => {
    serve(() => ({
      body: {
        errcode: 0,
        chat_info: {
          name: 'ops',
          owner: 'u0',
          useridlist: ['u0', 7, null],
          icon: '@icon',
          conversationTag: 2,
          status: 2,
          showHistoryType: 1,
          searchable: true,
          validationType: '1',
          mentionAllAuthority: 0,
          managementType: 2,
        },
      },
    }));
    // Strictly: an unreadable member must leave no `undefined` behind in the list.
    await expect(groups.getChat('chat-1')).resolves.toStrictEqual({
      chatId: 'chat-1',
      name: 'ops',
      owner: 'u0',
      userIds: ['u0', '7'],
      icon: '@icon',
      conversationTag: 2,
      status: 2,
      showHistoryType: 1,
      searchable: 1,
      validationType: 1,
      mentionAllAuthority: 0,
      managementType: 0,
      chatBannedType: 0,
    });
    const url = new URL(calls()[0].url, server.url);
    expect(url.searchParams.get('chatid')).toBe('chat-1');
  });

  it('reads a group without details as a normal, empty one', async () => {
    serve(() => ({ body: { errcode: 0, chat_info: { icon: '' } } }));
    await expect(groups.getChat('chat-1')).resolves.toEqual({
      chatId: 'chat-1',
      name: '',
      owner: '',
      userIds: [],
      status: 1,
      showHistoryType: 0,
      searchable: 0,
      validationType: 0,
      mentionAllAuthority: 0,
      managementType: 0,
      chatBannedType: 0,
    });
  });

  it('passes on a failure that does not say the group is gone', async () => {
    serve(() => ({ body: { errcode: 60011, errmsg: 'no permission' } }));
    await expect(groups.getChat('chat-1')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

describe('chat/update', () => {
  it('sends only the fields present, and no empty member lists', async () => {
    serve(() => ({ body: { errcode: 0 } }));
    await groups.updateChat({
      chatId: 'chat-1',
      addUserIds: [],
      delUserIds: ['u9'],
      managementType: 1,
    });
    expect(JSON.parse(calls()[0].body)).toEqual({
      chatid: 'chat-1',
      del_useridlist: ['u9'],
      managementType: 1,
    });
    await groups.updateChat({
      chatId: 'chat-1',
      name: 'ops-2',
      owner: 'u1',
      icon: '@i',
      addUserIds: ['u2'],
    });
    expect(JSON.parse(calls()[1].body)).toEqual({
      chatid: 'chat-1',
      name: 'ops-2',
      owner: 'u1',
      icon: '@i',
      add_useridlist: ['u2'],
    });
  });

  it('refuses more than 40 users to add or to remove in one call', async () => {
    serve(() => ({ body: { errcode: 0 } }));
    await expect(groups.updateChat({ chatId: 'c', addUserIds: users(41) })).rejects.toMatchObject({
      message: expect.stringContaining('addUserIds holds 41 users'),
    });
    await expect(groups.updateChat({ chatId: 'c', delUserIds: users(41) })).rejects.toMatchObject({
      message: expect.stringContaining('delUserIds holds 41 users'),
    });
    await groups.updateChat({ chatId: 'c', addUserIds: users(40), delUserIds: users(40) });
    expect(calls()).toHaveLength(1);
  });
});
