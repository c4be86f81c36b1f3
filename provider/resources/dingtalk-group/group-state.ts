/**
 * Conversions between the three shapes of a group: the checked inputs, the live answer of
 * `chat/get`, and the outputs stored in state (every input field plus `chatId`,
 * `openConversationId` and `memberCount`).
 */
import type { GroupChat } from '../../clients/dingtalk/group-chats';
import type { PropertyBag } from '../../lifecycle/lifecycle';
import { effectiveMembers, intersection, sortedUnique } from './members';
import type { DesiredGroup, GroupSnapshot } from './planner';
import type {
  DeletionPolicy,
  DingTalkGroupInputs,
  DingTalkGroupOutputs,
  MemberPolicy,
} from './schema';
import { type GroupSettings, groupSettingNames, settingsFromWire } from './settings';

/** `chat/get` reports `status` 2 for a dismissed group: for us it no longer exists. */
export const DISMISSED_STATUS = 2;

export function isGone(chat: GroupChat | undefined): chat is undefined {
  return chat === undefined || chat.status === DISMISSED_STATUS;
}

function settingsOf(bag: PropertyBag): GroupSettings {
  const settings = {} as GroupSettings;
  for (const name of groupSettingNames) settings[name] = bag[name] === true;
  return settings;
}

function memberPolicyOf(bag: PropertyBag): MemberPolicy {
  return bag.memberPolicy === 'additive' ? 'additive' : 'authoritative';
}

function deletionPolicyOf(bag: PropertyBag): DeletionPolicy {
  return bag.deletionPolicy === 'removeMembers' ? 'removeMembers' : 'retain';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function desiredFromInputs(inputs: PropertyBag): DesiredGroup {
  const owner = inputs.owner as string;
  return {
    name: inputs.name as string,
    owner,
    members: effectiveMembers(owner, stringList(inputs.members)),
    settings: settingsOf(inputs),
    memberPolicy: memberPolicyOf(inputs),
  };
}

/** The last applied state, as stored in the outputs. */
export function snapshotFromOutputs(olds: PropertyBag): GroupSnapshot {
  return {
    name: olds.name as string,
    owner: olds.owner as string,
    members: stringList(olds.members),
    settings: settingsOf(olds),
  };
}

/** The live group; `members` is every live member. */
export function snapshotFromLive(chat: GroupChat): GroupSnapshot {
  return {
    name: chat.name,
    owner: chat.owner,
    members: sortedUnique(chat.userIds),
    settings: settingsFromWire(chat),
  };
}

/** What the resource is told about the group beyond the snapshot. */
export interface GroupOutputExtras {
  chatId: string;
  /** `chat/create` returns it; `chat/get` does not, so an adopted group has none. */
  openConversationId: string | null;
  memberCount: number;
  memberPolicy: MemberPolicy;
  deletionPolicy: DeletionPolicy;
  adopt: boolean;
}

export function groupOutputs(
  snapshot: GroupSnapshot,
  extras: GroupOutputExtras,
): DingTalkGroupOutputs {
  return {
    name: snapshot.name,
    owner: snapshot.owner,
    members: sortedUnique(snapshot.members),
    memberPolicy: extras.memberPolicy,
    ...snapshot.settings,
    deletionPolicy: extras.deletionPolicy,
    adopt: extras.adopt,
    chatId: extras.chatId,
    openConversationId: extras.openConversationId,
    memberCount: extras.memberCount,
  };
}

export function extrasFrom(
  bag: PropertyBag,
  chatId: string,
  openConversationId: string | null,
  memberCount: number,
): GroupOutputExtras {
  return {
    chatId,
    openConversationId,
    memberCount,
    memberPolicy: memberPolicyOf(bag),
    deletionPolicy: deletionPolicyOf(bag),
    adopt: bag.adopt === true,
  };
}

/**
 * Outputs and inputs rebuilt from the live group for `read`. Under the authoritative
 * policy the members are everyone in the group (so someone added by hand shows as drift);
 * under the additive policy they are the managed members still present, plus the owner, so
 * people who joined on their own never show as drift.
 */
export function readBack(
  chat: GroupChat,
  props: PropertyBag,
): { props: DingTalkGroupOutputs; inputs: DingTalkGroupInputs } {
  const live = snapshotFromLive(chat);
  const members =
    memberPolicyOf(props) === 'additive'
      ? effectiveMembers(chat.owner, intersection(stringList(props.members), live.members))
      : live.members;
  const openConversationId =
    typeof props.openConversationId === 'string' ? props.openConversationId : null;
  const outs = groupOutputs(
    { ...live, members },
    extrasFrom(props, chat.chatId, openConversationId, live.members.length),
  );
  const { openConversationId: _decided, memberCount: _counted, chatId, ...declared } = outs;
  // chatId is an input only for an adopted group; otherwise DingTalk chose it.
  const inputs: DingTalkGroupInputs = props.adopt === true ? { ...declared, chatId } : declared;
  return { props: outs, inputs };
}
