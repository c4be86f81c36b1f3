import { checkDingTalkGroupInputs } from '../../../../provider/resources/dingtalk-group/schema';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';

function failedProperties(input: unknown): string[] {
  return checkDingTalkGroupInputs(input).failures.map((failure) => failure.property);
}

const users = (n: number, prefix = 'user') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('DingTalkGroup check', () => {
  it('applies the documented defaults', () => {
    expect(checkDingTalkGroupInputs({ name: 'ops', owner: 'alice' })).toEqual({
      failures: [],
      inputs: {
        name: 'ops',
        owner: 'alice',
        members: ['alice'],
        memberPolicy: 'authoritative',
        newMembersSeeHistory: false,
        searchable: false,
        joinRequiresApproval: false,
        mentionAllOwnerOnly: false,
        managementOwnerOnly: false,
        allMuted: false,
        deletionPolicy: 'retain',
        adopt: false,
      },
    });
  });

  it('normalises members to a sorted set that includes the owner', () => {
    const { inputs } = checkDingTalkGroupInputs({
      name: 'ops',
      owner: 'zoe',
      members: ['carol', 'bob', 'carol'],
    });
    expect(inputs.members).toEqual(['bob', 'carol', 'zoe']);
  });

  it('accepts 1 to 20 characters, counted as people count them', () => {
    expect(failedProperties({ name: '运维值班群', owner: 'a' })).toEqual([]);
    expect(failedProperties({ name: '😀'.repeat(20), owner: 'a' })).toEqual([]);
    expect(failedProperties({ name: 'x'.repeat(20), owner: 'a' })).toEqual([]);
    expect(failedProperties({ name: 'x'.repeat(21), owner: 'a' })).toEqual(['name']);
    expect(failedProperties({ name: '', owner: 'a' })).toEqual(['name']);
    expect(failedProperties({ name: '   ', owner: 'a' })).toEqual(['name']);
    // One reason each: an empty name is too short, not also blank.
    const reasons = (name: string) =>
      checkDingTalkGroupInputs({ name, owner: 'a' }).failures.map((failure) => failure.reason);
    expect(reasons('')).toEqual(['name: must be 1 to 20 characters long']);
    expect(reasons('   ')).toEqual(['name: must not be blank']);
  });

  it('allows 1000 members with the owner and refuses 1001', () => {
    expect(failedProperties({ name: 'big', owner: 'user0', members: users(1000) })).toEqual([]);
    expect(failedProperties({ name: 'big', owner: 'boss', members: users(999) })).toEqual([]);
    const outcome = checkDingTalkGroupInputs({ name: 'big', owner: 'boss', members: users(1000) });
    expect(outcome.failures).toEqual([
      {
        property: 'members',
        reason: expect.stringMatching(/at most 1000 members, the owner included; got 1001/),
      },
    ]);
  });

  it('names each bad property', () => {
    expect(failedProperties({ name: 'ops' })).toEqual(['owner']);
    expect(failedProperties({ name: 'ops', owner: 'a b' })).toEqual(['owner']);
    expect(failedProperties({ name: 'ops', owner: 'a', members: ['ok', ''] })).toEqual([
      'members[1]',
    ]);
    expect(failedProperties({ name: 'ops', owner: 'a', members: 'a' })).toEqual(['members']);
    expect(failedProperties({ name: 'ops', owner: 'a', memberPolicy: 'some' })).toEqual([
      'memberPolicy',
    ]);
    expect(failedProperties({ name: 'ops', owner: 'a', searchable: 1 })).toEqual(['searchable']);
    expect(failedProperties({ name: 'ops', owner: 'a', deletionPolicy: 'dismiss' })).toEqual([
      'deletionPolicy',
    ]);
    expect(failedProperties({ name: 'ops', owner: 'a', adopt: 'yes' })).toEqual(['adopt']);
    expect(failedProperties({ name: 'ops', owner: 'a', showHistoryType: 1 })).toEqual([
      'showHistoryType',
    ]);
  });

  it('requires chatId for adoption, since groups have no unique name', () => {
    expect(failedProperties({ name: 'ops', owner: 'a', adopt: true })).toEqual(['chatId']);
    expect(failedProperties({ name: 'ops', owner: 'a', adopt: true, chatId: 'chat123' })).toEqual(
      [],
    );
  });

  it('accepts the preview-time unknown anywhere and leaves the owner rule for later', () => {
    expect(failedProperties({ name: UNKNOWN, owner: UNKNOWN, members: UNKNOWN })).toEqual([]);
    const { inputs, failures } = checkDingTalkGroupInputs({
      name: 'ops',
      owner: 'alice',
      members: ['bob', UNKNOWN],
    });
    expect(failures).toEqual([]);
    expect([...(inputs.members as string[])].sort()).toEqual([UNKNOWN, 'bob'].sort());
    expect(
      checkDingTalkGroupInputs({ name: 'ops', owner: UNKNOWN, members: ['bob'] }).inputs.members,
    ).toEqual(['bob']);
  });
});

describe('checkDingTalkGroupInputs with members that are not strings', () => {
  it('reports the bad member instead of throwing', () => {
    const outcome = checkDingTalkGroupInputs({
      name: 'ops',
      owner: 'alice',
      members: [Object.create(null)],
    });
    expect(outcome.failures.map((f) => f.property)).toEqual(['members[0]']);
  });
});
