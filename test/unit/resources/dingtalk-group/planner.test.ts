import {
  type DesiredGroup,
  type GroupSnapshot,
  planGroupCreate,
  planGroupUpdate,
  planMemberRemoval,
} from '../../../../provider/resources/dingtalk-group/planner';
import { defaultGroupSettings } from '../../../../provider/resources/dingtalk-group/settings';
import { simulateCreate, simulateUpdate } from './group-simulator';

const users = (n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

function group(overrides: Partial<DesiredGroup> = {}): DesiredGroup {
  return {
    name: 'ops',
    owner: 'owner',
    members: ['owner'],
    settings: { ...defaultGroupSettings },
    memberPolicy: 'authoritative',
    ...overrides,
  };
}

describe('planGroupCreate', () => {
  it('creates with every member when there are at most 40', () => {
    const plan = planGroupCreate(group({ members: users(39) }));
    expect(plan.create.userIds).toHaveLength(40);
    expect(plan.create.userIds[0]).toBe('owner');
    expect(plan.updates).toEqual([]);
    expect(plan.members).toHaveLength(40);
  });

  it('sends 40 at creation, the owner among them, then adds batches of 40', () => {
    const plan = planGroupCreate(group({ members: users(44) }));
    expect(plan.create.userIds).toHaveLength(40);
    expect(plan.create.userIds).toContain('owner');
    expect(plan.updates).toEqual([{ addUserIds: users(44).slice(39) }]);
    expect(plan.members).toHaveLength(45);
  });

  it('needs 25 follow-up calls for a full group of 1000', () => {
    const plan = planGroupCreate(group({ members: users(999) }));
    expect(plan.updates).toHaveLength(24);
    expect(plan.updates.every((call) => (call.addUserIds ?? []).length === 40)).toBe(true);
    const simulated = simulateCreate(plan.create);
    plan.updates.forEach((call) => simulateUpdate(simulated, call));
    expect(simulated.members.size).toBe(1000);
  });

  it('sends all six flags at creation', () => {
    const plan = planGroupCreate(
      group({ settings: { ...defaultGroupSettings, allMuted: true, searchable: true } }),
    );
    expect(plan.create).toMatchObject({
      name: 'ops',
      owner: 'owner',
      showHistoryType: 0,
      searchable: 1,
      validationType: 0,
      mentionAllAuthority: 0,
      managementType: 0,
      chatBannedType: 1,
    });
  });
});

describe('planGroupUpdate', () => {
  const previous = (overrides: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
    name: 'ops',
    owner: 'owner',
    members: ['owner', ...users(10)],
    settings: { ...defaultGroupSettings },
    ...overrides,
  });

  it('makes no call when nothing changed', () => {
    const old = previous();
    expect(planGroupUpdate({ previous: old, desired: group({ members: old.members }) })).toEqual({
      updates: [],
      members: [...old.members].sort(),
    });
  });

  it('sends only the flags that changed, never the untouched ones', () => {
    const old = previous({ settings: { ...defaultGroupSettings, searchable: true } });
    const plan = planGroupUpdate({
      previous: old,
      desired: group({
        members: old.members,
        settings: { ...defaultGroupSettings, searchable: true, joinRequiresApproval: true },
      }),
    });
    expect(plan.updates).toEqual([{ validationType: 1 }]);
  });

  it('sends a rename alone', () => {
    const old = previous();
    const plan = planGroupUpdate({
      previous: old,
      desired: group({ name: 'ops-2', members: old.members }),
    });
    expect(plan.updates).toEqual([{ name: 'ops-2' }]);
  });

  it('removes 41 members in two batches, field changes riding on the first', () => {
    const old = previous({ members: ['owner', ...users(50)] });
    const plan = planGroupUpdate({
      previous: old,
      desired: group({ name: 'smaller', members: ['owner', ...users(9)] }),
    });
    expect(plan.updates).toHaveLength(2);
    expect(plan.updates[0]).toEqual({ name: 'smaller', delUserIds: users(50).slice(9, 49) });
    expect(plan.updates[1]).toEqual({ delUserIds: users(50).slice(49) });
    expect(plan.members).toEqual(['owner', ...users(9)].sort());
  });

  it('removes before it adds, so a full group never overflows', () => {
    const old = previous({ members: ['owner', ...users(999)] });
    const desiredMembers = ['owner', ...users(959), ...users(40, 'new')];
    const plan = planGroupUpdate({ previous: old, desired: group({ members: desiredMembers }) });
    expect(plan.updates).toEqual([
      { delUserIds: users(999).slice(959) },
      { addUserIds: users(40, 'new') },
    ]);
    const simulated = simulateCreate({
      ...planGroupCreate(old).create,
    });
    planGroupCreate(old).updates.forEach((call) => simulateUpdate(simulated, call));
    plan.updates.forEach((call) => simulateUpdate(simulated, call));
    expect([...simulated.members].sort()).toEqual([...desiredMembers].sort());
  });

  it('adds a new owner before moving ownership, then removes the old owner', () => {
    const old = previous({ members: ['owner', 'a'] });
    const plan = planGroupUpdate({
      previous: old,
      desired: group({ owner: 'boss', members: ['a', 'boss'] }),
    });
    expect(plan.updates).toEqual([
      { addUserIds: ['boss'] },
      { owner: 'boss' },
      { delUserIds: ['owner'] },
    ]);
  });

  it('moves ownership to an existing member in one call, with the other field changes', () => {
    const old = previous({ members: ['owner', 'a'] });
    const plan = planGroupUpdate({
      previous: old,
      desired: group({
        owner: 'a',
        name: 'renamed',
        members: ['owner', 'a'],
        settings: { ...defaultGroupSettings, managementOwnerOnly: true },
      }),
    });
    expect(plan.updates).toEqual([{ name: 'renamed', managementType: 1, owner: 'a' }]);
  });

  describe('additive policy', () => {
    it('keeps people who joined on their own and does not re-add present ones', () => {
      const old = previous({ members: ['owner', 'a', 'b'] });
      const plan = planGroupUpdate({
        previous: old,
        desired: group({ memberPolicy: 'additive', members: ['owner', 'a', 'c', 'walk-in'] }),
        live: ['owner', 'a', 'b', 'walk-in', 'stranger'],
      });
      expect(plan.updates).toEqual([{ delUserIds: ['b'] }, { addUserIds: ['c'] }]);
      expect(plan.members).toEqual(['a', 'c', 'owner', 'stranger', 'walk-in']);
    });

    it('does not remove a managed member who already left', () => {
      const old = previous({ members: ['owner', 'a', 'b'] });
      const plan = planGroupUpdate({
        previous: old,
        desired: group({ memberPolicy: 'additive', members: ['owner'] }),
        live: ['owner', 'a'],
      });
      expect(plan.updates).toEqual([{ delUserIds: ['a'] }]);
    });

    it('refuses to plan without the live list', () => {
      expect(() =>
        planGroupUpdate({ previous: previous(), desired: group({ memberPolicy: 'additive' }) }),
      ).toThrow(/live member list/);
    });
  });

  it('uses the live list, when given, for the authoritative policy', () => {
    const plan = planGroupUpdate({
      previous: previous({ members: ['owner', 'a'] }),
      desired: group({ members: ['owner', 'a'] }),
      live: ['owner', 'a', 'intruder'],
    });
    expect(plan.updates).toEqual([{ delUserIds: ['intruder'] }]);
  });
});

describe('planMemberRemoval', () => {
  it('removes everybody but the owner in batches of 40', () => {
    const calls = planMemberRemoval(['owner', ...users(81)], 'owner');
    expect(calls.map((call) => call.delUserIds?.length)).toEqual([40, 40, 1]);
    expect(calls.flatMap((call) => call.delUserIds)).not.toContain('owner');
  });

  it('makes no call for a group that only holds its owner', () => {
    expect(planMemberRemoval(['owner'], 'owner')).toEqual([]);
  });
});
