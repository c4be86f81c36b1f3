import type { GroupChat } from '../../../../provider/clients';
import { readBack } from '../../../../provider/resources/dingtalk-group/group-state';
import { defaultGroupSettings } from '../../../../provider/resources/dingtalk-group/settings';

/** What a refresh makes of a live group and the outputs in state. */

const live: GroupChat = {
  chatId: 'chat1',
  name: 'ops',
  owner: 'alice',
  userIds: ['alice', 'bob', 'walk-in'],
  status: 1,
  showHistoryType: 0,
  searchable: 0,
  validationType: 0,
  mentionAllAuthority: 0,
  managementType: 0,
  chatBannedType: 0,
};

const stored = {
  name: 'ops',
  owner: 'alice',
  members: ['alice', 'bob'],
  memberPolicy: 'additive',
  ...defaultGroupSettings,
  deletionPolicy: 'retain',
  adopt: false,
  chatId: 'chat1',
  openConversationId: 'cid1',
  memberCount: 2,
};

describe('reading a group back', () => {
  it('keeps the conversation id of state, and has none when state had none', () => {
    expect(readBack(live, stored).props.openConversationId).toBe('cid1');
    const { openConversationId: _none, ...withoutId } = stored;
    expect(readBack(live, withoutId).props.openConversationId).toBeNull();
  });

  it('takes only adopt: true as adopted, and gives chatId as an input only then', () => {
    const loose = readBack(live, { ...stored, adopt: 'true' });
    expect(loose.props.adopt).toBe(false);
    expect(loose.inputs).not.toHaveProperty('chatId');
    const adopted = readBack(live, { ...stored, adopt: true });
    expect(adopted.props.adopt).toBe(true);
    expect(adopted.inputs).toMatchObject({ chatId: 'chat1' });
  });

  it('keeps, under the additive policy, the managed members still there, skipping odd entries', () => {
    const { props } = readBack(live, { ...stored, members: ['bob', 7, 'gone-away'] });
    expect(props.members).toEqual(['alice', 'bob']);
    expect(props.memberCount).toBe(3);
  });

  it('shows everyone in the group under the authoritative policy', () => {
    const { props } = readBack(live, { ...stored, memberPolicy: 'authoritative' });
    expect(props.members).toEqual(['alice', 'bob', 'walk-in']);
  });
});
