import type { GroupChat, GroupChatClient } from '../../../../provider/clients';
import { ChatOpsError } from '../../../../provider/errors';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { applyUpdateCall } from '../../../../provider/resources/dingtalk-group/apply-call';
import { readBack } from '../../../../provider/resources/dingtalk-group/group-state';
import { dingTalkGroupLifecycle as lifecycle } from '../../../../provider/resources/dingtalk-group/lifecycle';
import { defaultGroupSettings } from '../../../../provider/resources/dingtalk-group/settings';
import { testContext } from '../../../support/lifecycle-context';

const chat = (overrides: Partial<GroupChat> = {}): GroupChat => ({
  chatId: 'chat1',
  name: 'ops',
  owner: 'alice',
  userIds: ['alice', 'bob', 'walk-in'],
  status: 1,
  showHistoryType: 0,
  searchable: 1,
  validationType: 0,
  mentionAllAuthority: 0,
  managementType: 0,
  chatBannedType: 0,
  ...overrides,
});

function fakeClient(live: GroupChat | undefined) {
  const client = {
    getChat: jest.fn(async () => live),
    createChat: jest.fn(),
    updateChat: jest.fn(async () => undefined),
    appClientId: () => 'test-app',
  };
  return {
    client,
    ctx: testContext({ clients: { groupChats: client as unknown as GroupChatClient } }),
  };
}

const outputs = {
  name: 'ops',
  owner: 'alice',
  members: ['alice', 'bob'],
  memberPolicy: 'additive',
  ...defaultGroupSettings,
  searchable: true,
  deletionPolicy: 'retain',
  adopt: false,
  chatId: 'chat1',
  openConversationId: 'cid1',
  memberCount: 2,
};

describe('DingTalkGroup lifecycle', () => {
  describe('diff', () => {
    const { ctx } = fakeClient(undefined);
    const { chatId: _id, openConversationId: _o, memberCount: _m, ...inputs } = outputs;
    const diff = (news: object) => lifecycle.diff('chat1', outputs, { ...inputs, ...news }, ctx);

    it('compares members as a set and never compares adopt', async () => {
      expect((await diff({ members: ['bob', 'alice'] })).changes).toBe(false);
      expect((await diff({ adopt: true })).changes).toBe(false);
      expect((await diff({ members: ['alice'] })).changes).toBe(true);
    });

    it('accepts an unset chatId and replaces for another one', async () => {
      expect((await diff({ chatId: 'chat1' })).changes).toBe(false);
      expect(await diff({ chatId: 'chat2' })).toMatchObject({
        changes: true,
        replaces: ['chatId'],
      });
    });

    it('updates in place for settings and policies, and treats unknowns as changes', async () => {
      expect(await diff({ allMuted: true })).toMatchObject({ changes: true, replaces: [] });
      expect(await diff({ deletionPolicy: 'removeMembers' })).toMatchObject({
        changes: true,
        replaces: [],
      });
      expect((await diff({ owner: UNKNOWN })).changes).toBe(true);
    });
  });

  describe('read', () => {
    it('leaves people who joined on their own out of an additive group', async () => {
      const { client, ctx } = fakeClient(chat());
      const read = await lifecycle.read('chat1', outputs, ctx);
      expect(read.props).toMatchObject({ members: ['alice', 'bob'], memberCount: 3 });
      expect(read.inputs).not.toHaveProperty('chatId');
      expect(read.inputs).not.toHaveProperty('memberCount');
      expect(client.updateChat).not.toHaveBeenCalled();
    });

    it('shows everyone in an authoritative group, and keeps chatId as input when adopted', async () => {
      const { ctx } = fakeClient(chat());
      const read = await lifecycle.read(
        'chat1',
        { ...outputs, memberPolicy: 'authoritative', adopt: true },
        ctx,
      );
      expect(read.props).toMatchObject({ members: ['alice', 'bob', 'walk-in'], searchable: true });
      expect(read.inputs).toMatchObject({ chatId: 'chat1', adopt: true });
    });

    it('reads a dismissed or unknown group as gone when its managing app says so', async () => {
      const managed = { ...outputs, appClientId: 'test-app' };
      expect(await lifecycle.read('chat1', managed, fakeClient(chat({ status: 2 })).ctx)).toEqual(
        {},
      );
      expect(await lifecycle.read('chat1', managed, fakeClient(undefined).ctx)).toEqual({});
    });

    it('keeps a group that another app, or an app state does not record, calls gone', async () => {
      const other = { ...outputs, appClientId: 'other-app' };
      await expect(lifecycle.read('chat1', other, fakeClient(undefined).ctx)).rejects.toMatchObject(
        { code: 'WRONG_ACCOUNT', message: expect.stringContaining('other-app') },
      );
      await expect(
        lifecycle.read('chat1', outputs, fakeClient(chat({ status: 2 })).ctx),
      ).rejects.toMatchObject({ code: 'GONE_UNPROVEN' });
    });

    it('records the app that reads a group found, and keeps one recorded', async () => {
      const read = await lifecycle.read('chat1', outputs, fakeClient(chat()).ctx);
      expect(read.props).toMatchObject({ appClientId: 'test-app' });
      const kept = await lifecycle.read(
        'chat1',
        { ...outputs, appClientId: 'first-app' },
        fakeClient(chat()).ctx,
      );
      expect(kept.props).toMatchObject({ appClientId: 'first-app' });
    });
  });

  describe('the managing app through an update', () => {
    const { chatId: _id, openConversationId: _o, memberCount: _m, ...declared } = outputs;
    const recordedBy = (app: string, name?: string) => ({
      ...outputs,
      appClientId: app,
      ...(name ? { app: name } : {}),
    });

    it('keeps the recorded app while the app input stays, whichever app made the calls', async () => {
      const { ctx, client } = fakeClient(chat());
      const updated = await lifecycle.update(
        'chat1',
        recordedBy('first-app'),
        { ...declared, name: 'renamed' },
        ctx,
      );
      expect(updated.outs).toMatchObject({ appClientId: 'first-app' });
      expect(client.getChat).not.toHaveBeenCalled();
    });

    it('records the new app once it has read the group, when the app input changed', async () => {
      const { ctx, client } = fakeClient(chat());
      const updated = await lifecycle.update(
        'chat1',
        recordedBy('first-app', 'old'),
        { ...declared, app: 'new' } as never,
        ctx,
      );
      expect(client.getChat).toHaveBeenCalledTimes(1);
      expect(updated.outs).toMatchObject({ appClientId: 'test-app' });
    });

    it('lets another app destroy only a group it can see', async () => {
      await expect(
        lifecycle.delete('chat1', recordedBy('first-app'), fakeClient(undefined).ctx),
      ).rejects.toMatchObject({
        code: 'WRONG_ACCOUNT',
        message: expect.stringContaining('first-app'),
      });
      await expect(
        lifecycle.delete('chat1', recordedBy('first-app'), fakeClient(chat()).ctx),
      ).resolves.toBeUndefined();
    });

    it('refuses to move the group to an app that cannot see it', async () => {
      const { ctx, client } = fakeClient(undefined);
      await expect(
        lifecycle.update(
          'chat1',
          recordedBy('first-app', 'old'),
          { ...declared, app: 'new' } as never,
          ctx,
        ),
      ).rejects.toMatchObject({ code: 'WRONG_ACCOUNT' });
      expect(client.updateChat).not.toHaveBeenCalled();
    });
  });

  it('fails an update of a group dismissed since the last refresh with a clear message', async () => {
    const { ctx } = fakeClient(chat({ status: 2 }));
    await expect(
      lifecycle.update('chat1', outputs, { ...outputs, members: ['alice'] }, ctx),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no longer exists \(dismissed\); run pulumi refresh/),
    });
  });

  describe('create after a lost answer', () => {
    const inputs = {
      ...outputs,
      chatId: undefined,
      memberPolicy: 'authoritative',
      openConversationId: undefined,
    };

    it('does not create again and names the group to look for', async () => {
      const { client, ctx } = fakeClient(undefined);
      client.createChat.mockRejectedValueOnce(
        new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'connection reset' }),
      );
      await expect(lifecycle.create(inputs, ctx)).rejects.toThrow(
        /DingTalk group "ops" may have been created.*connection reset.*owned by alice.*set chatId/,
      );
      expect(client.createChat).toHaveBeenCalledTimes(1);
    });

    it('passes any other failure on as it is', async () => {
      const { client, ctx } = fakeClient(undefined);
      const refused = new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'errcode 60011' });
      client.createChat.mockRejectedValueOnce(refused);
      await expect(lifecycle.create(inputs, ctx)).rejects.toBe(refused);
    });
  });

  it('reads nothing for an additive group whose members did not change', async () => {
    const { client, ctx } = fakeClient(chat());
    const { outs } = await lifecycle.update(
      'chat1',
      { ...outputs, memberCount: 3 },
      { ...outputs, allMuted: true },
      ctx,
    );
    expect(client.getChat).not.toHaveBeenCalled();
    expect(client.updateChat).toHaveBeenCalledWith({ chatId: 'chat1', chatBannedType: 1 });
    expect(outs).toMatchObject({ allMuted: true, memberCount: 3 });
  });

  it('reads the live group for an additive owner change, and for no authoritative rename', async () => {
    const owner = fakeClient(chat({ userIds: ['alice', 'bob', 'carol'] }));
    await lifecycle.update('chat1', outputs, { ...outputs, owner: 'bob' }, owner.ctx);
    expect(owner.client.getChat).toHaveBeenCalledTimes(1);

    const authoritative = { ...outputs, memberPolicy: 'authoritative' };
    const rename = fakeClient(chat());
    await lifecycle.update('chat1', authoritative, { ...authoritative, name: 'ops 2' }, rename.ctx);
    expect(rename.client.getChat).not.toHaveBeenCalled();
    expect(rename.client.updateChat).toHaveBeenCalledWith({ chatId: 'chat1', name: 'ops 2' });

    // Authoritative members follow from state alone: no read either.
    const members = fakeClient(chat());
    await lifecycle.update(
      'chat1',
      authoritative,
      { ...authoritative, members: ['alice', 'bob', 'carol'] },
      members.ctx,
    );
    expect(members.client.getChat).not.toHaveBeenCalled();
  });

  it('removes the walk-ins once the policy switches from additive to authoritative', async () => {
    const { client, ctx } = fakeClient(chat());
    const { outs } = await lifecycle.update(
      'chat1',
      outputs,
      { ...outputs, memberPolicy: 'authoritative' },
      ctx,
    );
    expect(client.updateChat).toHaveBeenCalledWith({ chatId: 'chat1', delUserIds: ['walk-in'] });
    expect(outs).toMatchObject({ members: ['alice', 'bob'], memberCount: 2 });
  });

  describe('adoption by chatId', () => {
    const adopting = { ...outputs, adopt: true, chatId: 'chat1' };

    it('removes the people not declared under the authoritative policy', async () => {
      const { client, ctx } = fakeClient(chat());
      await lifecycle.create({ ...adopting, memberPolicy: 'authoritative' }, ctx);
      expect(client.updateChat).toHaveBeenCalledWith({ chatId: 'chat1', delUserIds: ['walk-in'] });
    });

    it('removes nobody under the additive policy', async () => {
      const { client, ctx } = fakeClient(chat());
      await lifecycle.create(adopting, ctx);
      expect(client.updateChat).not.toHaveBeenCalled();
    });

    it('fails with NOT_FOUND for a group that is not there', async () => {
      const { ctx } = fakeClient(undefined);
      await expect(lifecycle.create(adopting, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('makes no call for a change of the deletion policy alone', async () => {
    const { client, ctx } = fakeClient(chat());
    const { outs } = await lifecycle.update(
      'chat1',
      { ...outputs, memberPolicy: 'authoritative' },
      { ...outputs, memberPolicy: 'authoritative', deletionPolicy: 'removeMembers' },
      ctx,
    );
    expect(client.getChat).not.toHaveBeenCalled();
    expect(client.updateChat).not.toHaveBeenCalled();
    expect(outs).toMatchObject({ deletionPolicy: 'removeMembers', openConversationId: 'cid1' });
  });
});

describe('applyUpdateCall', () => {
  it('applies members, owner, name and only the flags sent', () => {
    const group = {
      name: 'ops',
      owner: 'alice',
      members: ['alice', 'bob'],
      settings: { ...defaultGroupSettings, searchable: true },
    };
    expect(
      applyUpdateCall(group, {
        name: 'new',
        owner: 'carol',
        addUserIds: ['carol'],
        delUserIds: ['bob'],
        chatBannedType: 1,
      }),
    ).toEqual({
      name: 'new',
      owner: 'carol',
      members: ['alice', 'carol'],
      settings: { ...defaultGroupSettings, searchable: true, allMuted: true },
    });
  });
});

describe('reading a group back', () => {
  it('keeps the conversation id of state, and has none when state had none', () => {
    expect(readBack(chat(), outputs).props.openConversationId).toBe('cid1');
    const { openConversationId: _none, ...withoutId } = outputs;
    expect(readBack(chat(), withoutId).props.openConversationId).toBeNull();
  });

  it('takes only adopt: true as adopted, and gives chatId as an input only then', () => {
    const loose = readBack(chat(), { ...outputs, adopt: 'true' });
    expect(loose.props.adopt).toBe(false);
    expect(loose.inputs).not.toHaveProperty('chatId');
    const adopted = readBack(chat(), { ...outputs, adopt: true });
    expect(adopted.props.adopt).toBe(true);
    expect(adopted.inputs).toMatchObject({ chatId: 'chat1' });
  });

  it('keeps, under the additive policy, the managed members still there, skipping odd entries', () => {
    const { props } = readBack(chat(), { ...outputs, members: ['bob', 7, 'gone-away'] });
    expect(props.members).toEqual(['alice', 'bob']);
    expect(props.memberCount).toBe(3);
  });

  it('shows everyone in the group under the authoritative policy', () => {
    const { props } = readBack(chat(), { ...outputs, memberPolicy: 'authoritative' });
    expect(props.members).toEqual(['alice', 'bob', 'walk-in']);
  });
});
