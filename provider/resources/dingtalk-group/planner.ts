/**
 * Turns "what the group is" and "what it should be" into the shortest safe sequence of
 * DingTalk old-API calls. Pure: no I/O, so every branch is unit-tested.
 *
 * Rules it follows (https://open.dingtalk.com/document/orgapp/modify-a-group-session):
 * - at most 40 user ids per `useridlist`, `add_useridlist` and `del_useridlist`;
 * - `chat/update` resets every flag it receives, so only changed fields are sent;
 * - the owner must be a member: a new owner is added before the ownership moves, and a
 *   departing old owner is removed only after it has moved;
 * - removals run before additions, so a group near the 1000 cap never overflows midway.
 */
import { MAX_USERS_PER_CALL } from '../../clients/dingtalk/group-chats';
import { ChatOpsError } from '../../errors';
import { batches, difference, effectiveMembers, intersection, sortedUnique } from './members';
import type { MemberPolicy } from './schema';
import {
  type GroupChatWireSettings,
  type GroupSettings,
  changedWireSettings,
  settingsToWire,
} from './settings';

/** The body of one `chat/create` call (the client maps `userIds` to `useridlist`). */
export interface CreateChatCall extends GroupChatWireSettings {
  name: string;
  owner: string;
  userIds: string[];
}

/** The body of one `chat/update` call, without `chatid`; absent fields are not sent. */
export interface UpdateChatCall extends Partial<GroupChatWireSettings> {
  name?: string;
  owner?: string;
  addUserIds?: string[];
  delUserIds?: string[];
}

/** A group as the planner sees it: name, owner, members and the six settings. */
export interface GroupSnapshot {
  name: string;
  owner: string;
  /** For the previous state: the members this resource manages (owner included). */
  members: readonly string[];
  settings: GroupSettings;
}

export interface DesiredGroup extends GroupSnapshot {
  memberPolicy: MemberPolicy;
}

export interface GroupCreatePlan {
  create: CreateChatCall;
  /** Follow-up `chat/update` calls adding the members beyond the first 40. */
  updates: UpdateChatCall[];
  /** Members of the group once every call succeeded. */
  members: string[];
}

export interface GroupUpdatePlan {
  updates: UpdateChatCall[];
  /** Members of the group once every call succeeded, as far as the plan knows them. */
  members: string[];
}

/** `chat/create` with the owner and up to 39 more members, then adds of 40 each. */
export function planGroupCreate(desired: GroupSnapshot): GroupCreatePlan {
  const members = effectiveMembers(desired.owner, desired.members);
  const others = members.filter((id) => id !== desired.owner);
  const first = [desired.owner, ...others.slice(0, MAX_USERS_PER_CALL - 1)];
  const rest = others.slice(MAX_USERS_PER_CALL - 1);
  return {
    create: {
      name: desired.name,
      owner: desired.owner,
      userIds: first,
      ...settingsToWire(desired.settings),
    },
    updates: batches(rest).map((addUserIds) => ({ addUserIds })),
    members,
  };
}

export interface GroupUpdatePlanRequest {
  /** The last applied state (or, when adopting, the live group with the members to manage). */
  previous: GroupSnapshot;
  desired: DesiredGroup;
  /**
   * The live member list. Required for the additive policy (never touch people who joined
   * on their own, never re-add present ones); when given for the authoritative policy, the
   * deltas are computed against it instead of the previous state.
   */
  live?: readonly string[];
}

export function planGroupUpdate(request: GroupUpdatePlanRequest): GroupUpdatePlan {
  const { previous, desired } = request;
  const wanted = effectiveMembers(desired.owner, desired.members);
  const { adds, removes, after } = memberDeltas(request, wanted);

  const fields: UpdateChatCall = {
    ...(desired.name !== previous.name ? { name: desired.name } : {}),
    ...changedWireSettings(previous.settings, desired.settings),
  };
  const ownerMoves = desired.owner !== previous.owner;
  const calls: UpdateChatCall[] = [
    ...batches(removes.filter((id) => id !== previous.owner)).map((delUserIds) => ({
      delUserIds,
    })),
    ...batches(adds).map((addUserIds) => ({ addUserIds })),
  ];
  if (ownerMoves) {
    calls.push({ ...fields, owner: desired.owner });
    if (removes.includes(previous.owner)) {
      calls.push({ delUserIds: [previous.owner] });
    }
  } else if (Object.keys(fields).length > 0) {
    if (calls.length > 0) {
      calls[0] = { ...fields, ...calls[0] };
    } else {
      calls.push(fields);
    }
  }
  return { updates: calls, members: after };
}

function memberDeltas(
  request: GroupUpdatePlanRequest,
  wanted: readonly string[],
): { adds: string[]; removes: string[]; after: string[] } {
  const { previous, desired, live } = request;
  if (desired.memberPolicy === 'additive') {
    if (live === undefined) {
      throw new ChatOpsError({
        code: 'INTERNAL_ERROR',
        message: 'the additive member policy needs the live member list to plan an update',
      });
    }
    const present = sortedUnique(live);
    const adds = difference(wanted, present);
    // Only people this resource put there (and no longer wants) leave.
    const removes = intersection(difference(sortedUnique(previous.members), wanted), present);
    return { adds, removes, after: sortedUnique([...difference(present, removes), ...adds]) };
  }
  const base = sortedUnique(live ?? previous.members);
  return {
    adds: difference(wanted, base),
    removes: difference(base, wanted),
    after: [...wanted],
  };
}

/**
 * The calls that empty a group but for its owner: the `removeMembers` deletion policy,
 * since DingTalk offers no API to dismiss an ordinary group.
 */
export function planMemberRemoval(live: readonly string[], owner: string): UpdateChatCall[] {
  const leaving = sortedUnique(live).filter((id) => id !== owner);
  return batches(leaving).map((delUserIds) => ({ delUserIds }));
}
