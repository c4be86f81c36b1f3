import fc from 'fast-check';
import {
  type DesiredGroup,
  type GroupSnapshot,
  planGroupCreate,
  planGroupUpdate,
} from '../../../../provider/resources/dingtalk-group/planner';
import {
  type GroupSettings,
  settingsToWire,
} from '../../../../provider/resources/dingtalk-group/settings';
import { simulateCreate, simulateUpdate, type SimulatedGroup } from './group-simulator';

const universe = Array.from({ length: 240 }, (_, i) => `user${i}`);
const userId = fc.constantFrom(...universe);
const memberSet = fc.uniqueArray(userId, { maxLength: 200 });
const settings: fc.Arbitrary<GroupSettings> = fc.record({
  newMembersSeeHistory: fc.boolean(),
  searchable: fc.boolean(),
  joinRequiresApproval: fc.boolean(),
  mentionAllOwnerOnly: fc.boolean(),
  managementOwnerOnly: fc.boolean(),
  allMuted: fc.boolean(),
});
const snapshot: fc.Arbitrary<GroupSnapshot> = fc.record({
  name: fc.constantFrom('ops', 'oncall', '运维'),
  owner: userId,
  members: memberSet,
  settings,
});
const policy = fc.constantFrom('authoritative' as const, 'additive' as const);

/** A live group consistent with the previous state: its members plus and minus strangers. */
function liveGroup(previous: GroupSnapshot, joined: string[], left: string[]): SimulatedGroup {
  const members = new Set([...previous.members, ...joined, previous.owner]);
  left.filter((id) => id !== previous.owner).forEach((id) => members.delete(id));
  return {
    name: previous.name,
    owner: previous.owner,
    members,
    ...settingsToWire(previous.settings),
  };
}

describe('group planner properties', () => {
  it('reaches the desired group through calls DingTalk accepts (1,000 runs)', () => {
    fc.assert(
      fc.property(
        snapshot,
        snapshot,
        policy,
        memberSet,
        memberSet,
        (previousRaw, desiredRaw, memberPolicy, joined, left) => {
          const previous = {
            ...previousRaw,
            members: [...new Set([previousRaw.owner, ...previousRaw.members])],
          };
          const desired: DesiredGroup = { ...desiredRaw, memberPolicy };
          const live = liveGroup(previous, memberPolicy === 'additive' ? joined : [], left);
          const liveMembers = [...live.members];
          const plan = planGroupUpdate({
            previous,
            desired,
            live: memberPolicy === 'additive' || left.length > 0 ? liveMembers : undefined,
          });
          plan.updates.forEach((call) => simulateUpdate(live, call));

          const wanted = new Set([desired.owner, ...desired.members]);
          expect(live.owner).toBe(desired.owner);
          expect(live.name).toBe(desired.name);
          expect(settingsToWire(desired.settings)).toEqual(
            Object.fromEntries(
              Object.keys(settingsToWire(desired.settings)).map((k) => [
                k,
                live[k as keyof SimulatedGroup],
              ]),
            ),
          );
          [...wanted].forEach((id) => expect(live.members.has(id)).toBe(true));
          if (memberPolicy === 'authoritative') {
            expect(live.members.size).toBe(wanted.size);
          } else {
            // Nobody this resource never managed is ever removed.
            liveMembers
              .filter((id) => !previous.members.includes(id))
              .forEach((id) => expect(live.members.has(id)).toBe(true));
          }
          expect([...live.members].sort()).toEqual(plan.members);

          // Untouched flags are never sent; a name is sent only when it changes.
          const before = settingsToWire(previous.settings);
          for (const call of plan.updates) {
            for (const [flag, value] of Object.entries(before)) {
              const sent = call[flag as keyof typeof before];
              if (sent !== undefined) expect(sent).not.toBe(value);
            }
            if (call.name !== undefined) expect(call.name).not.toBe(previous.name);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('creates any group of up to 1000 members in 1 + ceil((n - 40) / 40) calls (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), userId, settings, (extra, owner, flags) => {
        const members = Array.from({ length: extra }, (_, i) => `member${i}`);
        const plan = planGroupCreate({ name: 'g', owner, members, settings: flags });
        const simulated = simulateCreate(plan.create);
        plan.updates.forEach((call) => simulateUpdate(simulated, call));
        const total = new Set([owner, ...members]).size;
        expect(simulated.members.size).toBe(total);
        expect(plan.updates).toHaveLength(Math.max(0, Math.ceil((total - 40) / 40)));
      }),
      { numRuns: 1000 },
    );
  });
});
