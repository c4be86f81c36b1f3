import type { RunningEmulator } from '../../../emulator';
import { dingtalkToken, oapi } from '../emulator/helpers';
import {
  type DiffResult,
  type ProviderRuntime,
  type ReadResult,
  checked,
  dismissGroup,
  numberedUsers,
  providerFor,
  requestsOf,
  startDingTalkEmulator,
  up,
} from './dingtalk-harness';

const TYPE = 'DingTalkGroup';
type Bag = Record<string, unknown>;

interface LiveGroup {
  name: string;
  owner: string;
  userIds: string[];
  status: number;
  showHistoryType: number;
  searchable: number;
  validationType: number;
  mentionAllAuthority: number;
  managementType: number;
  chatBannedType: number;
}

describe('DingTalkGroup against the emulator', () => {
  let emu: RunningEmulator;
  let provider: ProviderRuntime;

  beforeAll(async () => {
    emu = await startDingTalkEmulator();
    provider = await providerFor(emu);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  const live = (chatId: string) =>
    (emu.state() as { groupChats: Record<string, LiveGroup> }).groupChats[chatId];
  const read = (id: string, props: Bag) =>
    provider.dispatch(TYPE, 'read', [id, props]) as Promise<ReadResult>;
  const diff = (id: string, olds: Bag, news: Bag) =>
    provider.dispatch(TYPE, 'diff', [id, olds, news]) as Promise<DiffResult>;
  const update = async (id: string, olds: Bag, news: Bag) =>
    ((await provider.dispatch(TYPE, 'update', [id, olds, news])) as { outs: Bag }).outs;
  const updateCalls = () => requestsOf(emu, 'group-chats:chat/update').map((r) => r.params);

  /** A change made by a person in the DingTalk client, not by this provider. */
  async function outOfBand(chatId: string, body: Bag): Promise<void> {
    const token = await dingtalkToken(emu);
    const res = await oapi(emu, 'POST', '/chat/update', token, {
      body: { chatid: chatId, ...body },
    });
    expect(res.json.errcode).toBe(0);
    emu.clearRequests();
  }

  it('creates 45 members with chat/create plus one add batch', async () => {
    const members = numberedUsers(44);
    const { id, outs } = await up(provider, TYPE, { name: 'ops', owner: 'alice', members });
    expect(emu.requests().counts).toMatchObject({
      'group-chats:chat/create': 1,
      'group-chats:chat/update': 1,
    });
    const [create] = requestsOf(emu, 'group-chats:chat/create');
    expect(create.params.useridlist).toHaveLength(40);
    expect(create.params.useridlist).toContain('alice');
    expect(updateCalls()[0].add_useridlist).toHaveLength(5);
    expect(live(id).userIds).toHaveLength(45);
    expect(outs).toMatchObject({
      chatId: id,
      memberCount: 45,
      openConversationId: expect.stringMatching(/^cid/),
    });
  });

  it('creates a group of 1000 and reads it back without drift', async () => {
    const { id, outs, inputs } = await up(provider, TYPE, {
      name: 'everyone',
      owner: 'user0001',
      members: numberedUsers(1000),
    });
    expect(requestsOf(emu, 'group-chats:chat/update')).toHaveLength(24);
    expect(live(id).userIds).toHaveLength(1000);
    emu.clearRequests();
    const refreshed = await read(id, outs);
    expect(emu.requests().counts).toEqual({ 'group-chats:chat/get': 1 });
    expect(refreshed.props?.memberCount).toBe(1000);
    expect((await diff(id, refreshed.props ?? {}, inputs)).changes).toBe(false);
  });

  it('removes 41 members in two batches', async () => {
    const members = numberedUsers(50);
    const { id, outs } = await up(provider, TYPE, { name: 'shrink', owner: 'alice', members });
    const news = await checked(provider, TYPE, {
      name: 'shrink',
      owner: 'alice',
      members: members.slice(0, 9),
    });
    emu.clearRequests();
    const after = await update(id, outs, news);
    const calls = updateCalls();
    expect(calls.map((c) => (c.del_useridlist as string[]).length)).toEqual([40, 1]);
    expect(calls.every((c) => c.add_useridlist === undefined)).toBe(true);
    expect(live(id).userIds).toHaveLength(10);
    expect(after.memberCount).toBe(10);
  });

  it('sends only the flags that changed', async () => {
    const { id, outs } = await up(provider, TYPE, {
      name: 'flags',
      owner: 'alice',
      members: ['bob'],
      searchable: true,
      joinRequiresApproval: true,
    });
    expect(live(id)).toMatchObject({ searchable: 1, validationType: 1, chatBannedType: 0 });
    const news = await checked(provider, TYPE, {
      name: 'flags',
      owner: 'alice',
      members: ['bob'],
      searchable: true,
      joinRequiresApproval: true,
      allMuted: true,
    });
    emu.clearRequests();
    await update(id, outs, news);
    const calls = updateCalls();
    expect(calls).toHaveLength(1);
    const { access_token: _token, ...sent } = calls[0];
    expect(sent).toEqual({ chatid: id, chatBannedType: 1 });
    expect(live(id)).toMatchObject({ searchable: 1, validationType: 1, chatBannedType: 1 });
  });

  it('moves ownership to a newcomer after adding them, then lets the old owner go', async () => {
    const { id, outs } = await up(provider, TYPE, {
      name: 'owners',
      owner: 'alice',
      members: ['bob'],
    });
    const news = await checked(provider, TYPE, {
      name: 'owners',
      owner: 'carol',
      members: ['bob'],
    });
    expect((await diff(id, outs, news)).changes).toBe(true);
    emu.clearRequests();
    const after = await update(id, outs, news);
    const calls = updateCalls().map(({ access_token: _t, chatid: _c, ...rest }) => rest);
    expect(calls).toEqual([
      { add_useridlist: ['carol'] },
      { owner: 'carol' },
      { del_useridlist: ['alice'] },
    ]);
    expect(live(id)).toMatchObject({ owner: 'carol' });
    expect([...live(id).userIds].sort()).toEqual(['bob', 'carol']);
    expect(after).toMatchObject({ owner: 'carol', members: ['bob', 'carol'], memberCount: 2 });
  });

  it('moves ownership to an existing member in one call', async () => {
    const { id, outs } = await up(provider, TYPE, { name: 'o2', owner: 'alice', members: ['bob'] });
    const news = await checked(provider, TYPE, { name: 'o2', owner: 'bob', members: ['alice'] });
    emu.clearRequests();
    await update(id, outs, news);
    expect(updateCalls()).toHaveLength(1);
    expect(updateCalls()[0]).toMatchObject({ owner: 'bob' });
    expect(live(id).owner).toBe('bob');
  });

  describe('members added out of band', () => {
    async function groupWithWalkIn(memberPolicy: string) {
      const created = await up(provider, TYPE, {
        name: memberPolicy,
        owner: 'alice',
        members: ['bob'],
        memberPolicy,
      });
      await outOfBand(created.id, { add_useridlist: ['erin'] });
      return created;
    }

    it('are kept under the additive policy, also through refresh and updates', async () => {
      const { id, outs, inputs } = await groupWithWalkIn('additive');
      const refreshed = await read(id, outs);
      expect(refreshed.props).toMatchObject({ members: ['alice', 'bob'], memberCount: 3 });
      expect((await diff(id, refreshed.props ?? {}, inputs)).changes).toBe(false);

      const news = await checked(provider, TYPE, {
        name: 'additive',
        owner: 'alice',
        members: ['carol'],
        memberPolicy: 'additive',
      });
      expect((await diff(id, refreshed.props ?? {}, news)).changes).toBe(true);
      emu.clearRequests();
      const after = await update(id, refreshed.props ?? {}, news);
      expect([...live(id).userIds].sort()).toEqual(['alice', 'carol', 'erin']);
      expect(after).toMatchObject({ members: ['alice', 'carol'], memberCount: 3 });
      const calls = updateCalls();
      expect(calls.flatMap((c) => (c.del_useridlist as string[] | undefined) ?? [])).toEqual([
        'bob',
      ]);
    });

    it('are removed under the authoritative policy once refresh shows them', async () => {
      const { id, outs, inputs } = await groupWithWalkIn('authoritative');
      const refreshed = await read(id, outs);
      expect(refreshed.props).toMatchObject({ members: ['alice', 'bob', 'erin'], memberCount: 3 });
      expect(await diff(id, refreshed.props ?? {}, inputs)).toMatchObject({
        changes: true,
        replaces: [],
      });
      emu.clearRequests();
      await update(id, refreshed.props ?? {}, inputs);
      expect(updateCalls().map((c) => c.del_useridlist)).toEqual([['erin']]);
      expect([...live(id).userIds].sort()).toEqual(['alice', 'bob']);
    });

    it('are removed when the policy switches from additive to authoritative', async () => {
      const { id, outs } = await groupWithWalkIn('additive');
      const news = await checked(provider, TYPE, {
        name: 'additive',
        owner: 'alice',
        members: ['bob'],
      });
      await update(id, outs, news);
      expect([...live(id).userIds].sort()).toEqual(['alice', 'bob']);
    });
  });

  it('reads a dismissed group as gone, and deletes it without error', async () => {
    const { id, outs } = await up(provider, TYPE, {
      name: 'doomed',
      owner: 'alice',
      deletionPolicy: 'removeMembers',
    });
    await dismissGroup(emu, id);
    emu.clearRequests();
    expect(await read(id, outs)).toEqual({});
    await expect(provider.dispatch(TYPE, 'delete', [id, outs])).resolves.toBeUndefined();
    expect(requestsOf(emu, 'group-chats:chat/update')).toHaveLength(0);
  });

  it('reads a group that never existed as gone when its managing app says so', async () => {
    expect(await read('chat-unknown', { name: 'x', owner: 'alice', appClientId: 'test' })).toEqual(
      {},
    );
  });

  it('keeps a group whose managing app is not recorded, whatever DingTalk answers', async () => {
    await expect(read('chat-unknown', { name: 'x', owner: 'alice' })).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
    });
  });

  it('reads with one chat/get and changes nothing', async () => {
    const { id, outs } = await up(provider, TYPE, {
      name: 'quiet',
      owner: 'alice',
      members: ['bob'],
      memberPolicy: 'additive',
    });
    await outOfBand(id, { add_useridlist: ['dave'], searchable: 1 });
    const before = JSON.stringify(live(id));
    const refreshed = await read(id, outs);
    expect(emu.requests().counts).toEqual({ 'group-chats:chat/get': 1 });
    expect(JSON.stringify(live(id))).toBe(before);
    expect(refreshed.props).toMatchObject({ searchable: true, memberCount: 3 });
  });

  describe('deletion policies', () => {
    it("'retain' leaves the group and its members, with a warning", async () => {
      const { id, outs } = await up(provider, TYPE, {
        name: 'kept',
        owner: 'alice',
        members: ['bob', 'carol'],
      });
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      emu.clearRequests();
      try {
        await provider.dispatch(TYPE, 'delete', [id, outs]);
        expect(log).toHaveBeenCalledWith(expect.stringMatching(/no API to dismiss/));
        expect(log.mock.calls[0][0]).toContain(id);
      } finally {
        log.mockRestore();
      }
      expect(emu.requests().total).toBe(0);
      expect(live(id)).toMatchObject({ status: 1 });
      expect(live(id).userIds).toHaveLength(3);
    });

    it("'removeMembers' removes everybody but the owner in batches of 40", async () => {
      const { id, outs } = await up(provider, TYPE, {
        name: 'emptied',
        owner: 'alice',
        members: numberedUsers(45),
        deletionPolicy: 'removeMembers',
      });
      emu.clearRequests();
      await provider.dispatch(TYPE, 'delete', [id, outs]);
      expect(updateCalls().map((c) => (c.del_useridlist as string[]).length)).toEqual([40, 5]);
      expect(live(id).userIds).toEqual(['alice']);
    });
  });

  describe('adoption by chatId', () => {
    async function handMadeGroup(): Promise<string> {
      const token = await dingtalkToken(emu);
      const res = await oapi(emu, 'POST', '/chat/create', token, {
        body: {
          name: 'hand-made',
          owner: 'alice',
          useridlist: ['alice', 'bob', 'dave'],
          searchable: 1,
        },
      });
      emu.clearRequests();
      return res.json.chatid as string;
    }

    it('refuses without adopt and says how to proceed', async () => {
      const chatId = await handMadeGroup();
      const news = { name: 'adopted', owner: 'alice', chatId };
      await expect(up(provider, TYPE, news)).rejects.toThrow(/already exists; set adopt: true/);
      expect(requestsOf(emu, 'group-chats:chat/update')).toHaveLength(0);
    });

    it('takes the group over and brings it to the declared state', async () => {
      const chatId = await handMadeGroup();
      const { id, outs, inputs } = await up(provider, TYPE, {
        name: 'adopted',
        owner: 'alice',
        members: ['bob', 'carol'],
        chatId,
        adopt: true,
      });
      expect(id).toBe(chatId);
      expect(requestsOf(emu, 'group-chats:chat/create')).toHaveLength(0);
      expect(live(chatId)).toMatchObject({ name: 'adopted', searchable: 0 });
      expect([...live(chatId).userIds].sort()).toEqual(['alice', 'bob', 'carol']);
      expect(outs).toMatchObject({ chatId, memberCount: 3, openConversationId: null });
      const refreshed = await read(id, outs);
      expect(refreshed.inputs?.chatId).toBe(chatId);
      expect((await diff(id, refreshed.props ?? {}, inputs)).changes).toBe(false);
    });

    it('keeps the people already there under the additive policy', async () => {
      const chatId = await handMadeGroup();
      await up(provider, TYPE, {
        name: 'hand-made',
        owner: 'alice',
        members: ['carol'],
        memberPolicy: 'additive',
        searchable: true,
        chatId,
        adopt: true,
      });
      expect([...live(chatId).userIds].sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
      // Nothing but the one missing member was sent.
      const calls = updateCalls().map(({ access_token: _t, chatid: _c, ...rest }) => rest);
      expect(calls).toEqual([{ add_useridlist: ['carol'] }]);
    });

    it('fails clearly for a chatId that does not exist', async () => {
      await expect(
        up(provider, TYPE, { name: 'x', owner: 'alice', chatId: 'chat-missing', adopt: true }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/chat-missing does not exist or was dismissed/),
      });
    });
  });

  it('keeps a half-created group in state when adding members fails, and finishes later', async () => {
    emu.addFault({
      family: 'group-chats',
      action: 'chat/update',
      kind: 'error',
      status: 200,
      code: '40035',
      message: 'injected',
      times: 1,
    });
    const inputs = await checked(provider, TYPE, {
      name: 'partial',
      owner: 'alice',
      members: numberedUsers(50),
    });
    let failure: { id?: string; properties?: Bag } = {};
    try {
      await provider.dispatch(TYPE, 'create', [inputs]);
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.id).toMatch(/^chat/);
    const id = failure.id as string;
    expect(failure.properties).toMatchObject({ chatId: id, memberCount: 40 });
    expect(failure.properties?.members).toHaveLength(40);
    expect((await diff(id, failure.properties ?? {}, inputs)).changes).toBe(true);
    await update(id, failure.properties ?? {}, inputs);
    expect(live(id).userIds).toHaveLength(51);
  });

  it('makes no request in check and diff', async () => {
    const news = await checked(provider, TYPE, { name: 'n', owner: 'alice', members: ['bob'] });
    await diff('chat1', { ...news, chatId: 'chat1', members: ['alice'] }, news);
    expect(emu.requests().total).toBe(0);
  });
});
