/**
 * The lifecycle of a `DingTalkGroup`: an internal group chat through the old API's
 * `chat/create`, `chat/get` and `chat/update`
 * (https://open.dingtalk.com/document/orgapp/create-group-session). The id is the chatid.
 * DingTalk offers no API to dismiss such a group, so deletion follows `deletionPolicy`.
 */
import type { GroupChat, GroupChatClient } from '../../clients/dingtalk/group-chats';
import { AlreadyExists } from '../../lifecycle/adopt';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle } from '../../lifecycle/define';
import type { DiffSpec } from '../../lifecycle/diff';
import type { PropertyBag, ResourceLifecycle } from '../../lifecycle/lifecycle';
import { partialFailure } from '../../lifecycle/partial-failure';
import { applyUpdateCall } from './apply-call';
import { groupCreateError } from './create-outcome';
import {
  desiredFromInputs,
  extrasFrom,
  groupOutputs,
  isGone,
  readBack,
  snapshotFromLive,
  snapshotFromOutputs,
} from './group-state';
import {
  type GroupSnapshot,
  type UpdateChatCall,
  planGroupCreate,
  planGroupUpdate,
  planMemberRemoval,
} from './planner';
import { sameMembers } from './members';
import {
  dingTalkGroupCrossFieldRules,
  dingTalkGroupInputSchema,
  withOwnerAsMember,
} from './schema';
import { groupSettingNames } from './settings';

/** The type name the stubs send; the type token is `pulumi-nodejs:dynamic/chatops:DingTalkGroup`. */
export const DINGTALK_GROUP_TYPE = 'DingTalkGroup';

const WHAT = 'DingTalk group';

const diffSpec: DiffSpec = {
  fields: {
    name: {},
    owner: {},
    members: { set: true },
    memberPolicy: {},
    ...Object.fromEntries(groupSettingNames.map((name) => [name, {}])),
    deletionPolicy: {},
    // Set only to adopt a group: unset means "whichever group DingTalk created"; another
    // chatId is another group.
    chatId: { replace: true, serverDefault: true },
  },
};

/**
 * Runs `chat/update` calls in order. When one fails after others succeeded, the error
 * carries the state reached so far, so the engine keeps the group and the next update
 * plans only what is left.
 */
async function runUpdates(
  ctx: LifecycleContext,
  chatId: string,
  calls: readonly UpdateChatCall[],
  start: { managed: GroupSnapshot; liveMembers: readonly string[] },
  outputsAt: (managed: GroupSnapshot, memberCount: number) => PropertyBag,
): Promise<void> {
  const client = ctx.clients().groupChats;
  let managed = start.managed;
  let live: GroupSnapshot = { ...start.managed, members: start.liveMembers };
  for (const call of calls) {
    try {
      await client.updateChat({ chatId, ...call });
    } catch (error) {
      throw partialFailure(WHAT, chatId, outputsAt(managed, live.members.length), [], error);
    }
    managed = applyUpdateCall(managed, call);
    live = applyUpdateCall(live, call);
  }
}

async function liveGroup(ctx: LifecycleContext, chatId: string): Promise<GroupChat | undefined> {
  const chat = await ctx.clients().groupChats.getChat(chatId);
  return isGone(chat) ? undefined : chat;
}

async function createGroup(inputs: PropertyBag, ctx: LifecycleContext) {
  const desired = desiredFromInputs(inputs);
  const plan = planGroupCreate(desired);
  let created: Awaited<ReturnType<GroupChatClient['createChat']>>;
  try {
    created = await ctx.clients().groupChats.createChat(plan.create);
  } catch (error) {
    throw groupCreateError(desired.name, desired.owner, error);
  }
  const openConversationId = created.openConversationId || null;
  const outputsAt = (managed: GroupSnapshot, memberCount: number) =>
    groupOutputs(managed, extrasFrom(inputs, created.chatId, openConversationId, memberCount));
  const first = { ...desired, members: plan.create.userIds };
  await runUpdates(
    ctx,
    created.chatId,
    plan.updates,
    { managed: first, liveMembers: first.members },
    outputsAt,
  );
  return {
    id: created.chatId,
    outs: outputsAt(desired, plan.members.length),
  };
}

/** Takes over an existing group by chatId and brings it to the declared state. */
async function adoptGroup(inputs: PropertyBag, chatId: string, ctx: LifecycleContext) {
  const chat = await liveGroup(ctx, chatId);
  if (chat === undefined) {
    throw new Error(
      `${WHAT} ${chatId} does not exist or was dismissed; remove chatId and adopt to create a new group`,
    );
  }
  if (inputs.adopt !== true) throw new AlreadyExists(WHAT, chatId);
  const desired = desiredFromInputs(inputs);
  const live = snapshotFromLive(chat);
  // Under the additive policy nobody in the group is managed yet, so nobody is removed.
  const previous = { ...live, members: desired.memberPolicy === 'additive' ? [] : live.members };
  const plan = planGroupUpdate({ previous, desired, live: live.members });
  const outputsAt = (managed: GroupSnapshot, memberCount: number) =>
    groupOutputs(managed, extrasFrom(inputs, chatId, null, memberCount));
  await runUpdates(
    ctx,
    chatId,
    plan.updates,
    { managed: previous, liveMembers: live.members },
    outputsAt,
  );
  return { id: chatId, outs: outputsAt(desired, plan.members.length) };
}

const baseLifecycle = defineLifecycle({
  schema: () => dingTalkGroupInputSchema,
  crossFieldRules: dingTalkGroupCrossFieldRules,
  diffSpec,
  credentialSet: 'app',

  async create(inputs, ctx) {
    const chatId = inputs.chatId;
    return typeof chatId === 'string' ? adoptGroup(inputs, chatId, ctx) : createGroup(inputs, ctx);
  },

  async read(id, props, ctx) {
    // One chat/get and nothing else: a refresh must never change the group.
    const chat = await liveGroup(ctx, id);
    if (chat === undefined) return {};
    return { id, ...readBack(chat, props) };
  },

  async update(id, olds, news, ctx) {
    const desired = desiredFromInputs(news);
    const policyChanged = olds.memberPolicy !== news.memberPolicy;
    let previous: GroupSnapshot = snapshotFromOutputs(olds);
    let live: readonly string[] | undefined;
    const membersChanged =
      !sameMembers(previous.members, desired.members) || previous.owner !== desired.owner;
    // The additive policy must see who is in the group now when members change: people who
    // joined on their own stay, present people are not added twice. A policy switch also
    // re-bases on the live group, so switching to authoritative removes the people additive
    // left alone. Other changes need no read.
    if ((desired.memberPolicy === 'additive' && membersChanged) || policyChanged) {
      const chat = await liveGroup(ctx, id);
      if (chat === undefined) {
        throw new Error(
          `${WHAT} ${id} no longer exists (dismissed); run pulumi refresh to drop it from the stack`,
        );
      }
      const current = snapshotFromLive(chat);
      live = current.members;
      // Under the additive policy the managed members are the last declared ones (after a
      // switch from authoritative, that list was the whole group the resource owned).
      previous = {
        ...current,
        members: desired.memberPolicy === 'additive' ? previous.members : current.members,
      };
    }
    // Additive with unchanged members: the plan sends no member call whatever the live list
    // holds, and the member count stays the one last seen.
    const unread = desired.memberPolicy === 'additive' && live === undefined;
    const plan = planGroupUpdate({ previous, desired, live: unread ? previous.members : live });
    const memberCount =
      unread && typeof olds.memberCount === 'number' ? olds.memberCount : plan.members.length;
    const openConversationId =
      typeof olds.openConversationId === 'string' ? olds.openConversationId : null;
    const outputsAt = (managed: GroupSnapshot, memberCount: number) =>
      groupOutputs(managed, extrasFrom(news, id, openConversationId, memberCount));
    await runUpdates(
      ctx,
      id,
      plan.updates,
      { managed: previous, liveMembers: live ?? previous.members },
      outputsAt,
    );
    return { outs: outputsAt(desired, memberCount) };
  },

  async delete(id, props, ctx) {
    if (props.deletionPolicy !== 'removeMembers') {
      // The provider process has no Pulumi logger; its standard output reaches the CLI.
      console.log(
        `warning: ${WHAT} "${String(props.name)}" (chatId ${id}) is left in DingTalk with its ` +
          "members: DingTalk has no API to dismiss it. Set deletionPolicy: 'removeMembers' to " +
          'empty it on delete, or dismiss it in the DingTalk client.',
      );
      return;
    }
    const chat = await liveGroup(ctx, id);
    if (chat === undefined) return;
    for (const call of planMemberRemoval(chat.userIds, chat.owner)) {
      await ctx.clients().groupChats.updateChat({ chatId: id, ...call });
    }
  },
});

export const dingTalkGroupLifecycle: ResourceLifecycle = {
  ...baseLifecycle,
  // The shared check plus the one rule it cannot express per field: the owner is a member.
  async check(olds, news, ctx) {
    const outcome = await baseLifecycle.check(olds, news, ctx);
    return { ...outcome, inputs: withOwnerAsMember(outcome.inputs) };
  },
};
