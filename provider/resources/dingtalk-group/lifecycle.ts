/**
 * The lifecycle of a `DingTalkGroup`: an internal group chat through the old API's
 * `chat/create`, `chat/get` and `chat/update`
 * (https://open.dingtalk.com/document/orgapp/create-group-session). The id is the chatid.
 * DingTalk offers no API to dismiss such a group, so deletion follows `deletionPolicy`.
 */
import type { GroupChat, GroupChatClient } from '../../clients/dingtalk/group-chats';
import { AlreadyExists, ChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle, type StoredOutputs } from '../../lifecycle/define';
import { partialFailure, recordingOnPartialFailure } from '../../lifecycle/partial-failure';
import { applyUpdateCall } from './apply-call';
import { warnOnCli } from '../shared/cli-warning';
import { foreignApp, goneAnswer, trustGoneAnswer } from './app-guard';
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
import { sameMembers } from './members';
import {
  type DesiredGroup,
  type GroupSnapshot,
  type UpdateChatCall,
  planGroupCreate,
  planGroupUpdate,
  planMemberRemoval,
} from './planner';
import {
  dingTalkGroupCrossFieldRules,
  dingTalkGroupDiffSpec,
  dingTalkGroupInputSchema,
  withOwnerAsMember,
  type DingTalkGroupInputs as Inputs,
  type DingTalkGroupOutputs as Outputs,
} from './schema';

const WHAT = 'DingTalk group';

/** The outputs once the group holds `managed` and `memberCount` people. */
type OutputsAt = (managed: GroupSnapshot, memberCount: number) => Outputs;

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
  outputsAt: OutputsAt,
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

async function createGroup(inputs: Inputs, ctx: LifecycleContext) {
  const desired = desiredFromInputs(inputs);
  const plan = planGroupCreate(desired);
  let created: Awaited<ReturnType<GroupChatClient['createChat']>>;
  try {
    created = await ctx.clients().groupChats.createChat(plan.create);
  } catch (error) {
    throw groupCreateError(desired.name, desired.owner, error);
  }
  const openConversationId = created.openConversationId || null;
  const outputsAt: OutputsAt = (managed, memberCount) =>
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
async function adoptGroup(inputs: Inputs, chatId: string, ctx: LifecycleContext) {
  const chat = await liveGroup(ctx, chatId);
  if (chat === undefined) {
    throw new ChatOpsError({
      code: 'NOT_FOUND',
      message: `${WHAT} ${chatId} does not exist or was dismissed; remove chatId and adopt to create a new group`,
    });
  }
  if (!inputs.adopt) throw new AlreadyExists(WHAT, chatId);
  const desired = desiredFromInputs(inputs);
  const live = snapshotFromLive(chat);
  // Under the additive policy nobody in the group is managed yet, so nobody is removed.
  const previous = { ...live, members: desired.memberPolicy === 'additive' ? [] : live.members };
  const plan = planGroupUpdate({ previous, desired, live: live.members });
  const outputsAt: OutputsAt = (managed, memberCount) =>
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

/** Where an update starts from: the managed state, and the live members when read. */
interface UpdateBase {
  previous: GroupSnapshot;
  live?: readonly string[];
}

/**
 * The additive policy must see who is in the group now when members change: people who
 * joined on their own stay, present people are not added twice. A policy switch also
 * re-bases on the live group, so switching to authoritative removes the people additive
 * left alone. Other changes need no read.
 */
function needsLiveGroup(
  olds: StoredOutputs<Outputs>,
  news: Inputs,
  previous: GroupSnapshot,
  desired: DesiredGroup,
): boolean {
  const membersChanged =
    !sameMembers(previous.members, desired.members) || previous.owner !== desired.owner;
  const policyChanged = olds.memberPolicy !== news.memberPolicy;
  return (desired.memberPolicy === 'additive' && membersChanged) || policyChanged;
}

/**
 * The managed state re-based on the live group. Under the additive policy the managed
 * members are the last declared ones (after a switch from authoritative, that list was the
 * whole group the resource owned).
 */
async function rebaseOnLiveGroup(
  ctx: LifecycleContext,
  id: string,
  previous: GroupSnapshot,
  desired: DesiredGroup,
): Promise<UpdateBase> {
  const chat = await liveGroup(ctx, id);
  if (chat === undefined) {
    throw new ChatOpsError({
      code: 'NOT_FOUND',
      message: `${WHAT} ${id} no longer exists (dismissed); run pulumi refresh to drop it from the stack`,
    });
  }
  const current = snapshotFromLive(chat);
  return {
    previous: {
      ...current,
      members: desired.memberPolicy === 'additive' ? previous.members : current.members,
    },
    live: current.members,
  };
}

async function updateGroup(
  id: string,
  olds: StoredOutputs<Outputs>,
  news: Inputs,
  ctx: LifecycleContext,
): Promise<{ outs: Outputs }> {
  const desired = desiredFromInputs(news);
  const stored = snapshotFromOutputs(olds);
  const { previous, live }: UpdateBase = needsLiveGroup(olds, news, stored, desired)
    ? await rebaseOnLiveGroup(ctx, id, stored, desired)
    : { previous: stored };
  // Additive with unchanged members: the plan sends no member call whatever the live list
  // holds, and the member count stays the one last seen.
  const unread = desired.memberPolicy === 'additive' && live === undefined;
  const plan = planGroupUpdate({ previous, desired, live: unread ? previous.members : live });
  const memberCount =
    unread && typeof olds.memberCount === 'number' ? olds.memberCount : plan.members.length;
  const openConversationId =
    typeof olds.openConversationId === 'string' ? olds.openConversationId : null;
  const outputsAt: OutputsAt = (managed, count) =>
    groupOutputs(managed, extrasFrom(news, id, openConversationId, count));
  await runUpdates(
    ctx,
    id,
    plan.updates,
    { managed: previous, liveMembers: live ?? previous.members },
    outputsAt,
  );
  return { outs: outputsAt(desired, memberCount) };
}

export const dingTalkGroupLifecycle = defineLifecycle({
  schema: dingTalkGroupInputSchema,
  crossFieldRules: dingTalkGroupCrossFieldRules,
  // The one rule a field-wise check cannot express: the owner is a member.
  afterCheck: withOwnerAsMember,
  diffSpec: dingTalkGroupDiffSpec,
  credentialSet: 'app',

  async create(inputs, ctx) {
    const chatId = inputs.chatId;
    const appClientId = ctx.clients().groupChats.appClientId();
    const created = await recordingOnPartialFailure('appClientId', appClientId, () =>
      typeof chatId === 'string' ? adoptGroup(inputs, chatId, ctx) : createGroup(inputs, ctx),
    );
    const outs: Outputs = { ...created.outs, appClientId };
    return { id: created.id, outs };
  },

  async read(id, props, ctx) {
    // One chat/get and nothing else: a refresh must never change the group.
    const chat = await ctx.clients().groupChats.getChat(id);
    if (isGone(chat)) {
      trustGoneAnswer(ctx, id, props, goneAnswer(statusOf(chat)));
      warnOnCli(
        `${WHAT} ${id} no longer exists (${goneAnswer(statusOf(chat))} to its managing app). It leaves the stack.`,
      );
      return {};
    }
    const read = readBack(chat, props);
    // A group found records the app that found it when state has no record yet.
    const appClientId =
      typeof props.appClientId === 'string'
        ? props.appClientId
        : ctx.clients().groupChats.appClientId();
    return { id, props: { ...read.props, appClientId }, inputs: read.inputs };
  },

  async update(id, olds, news, ctx) {
    const appClientId = await managingAppAfterUpdate(id, olds, news, ctx);
    const updated = await updateGroup(id, olds, news, ctx);
    return { outs: { ...updated.outs, appClientId } };
  },

  async delete(id, props, ctx) {
    await checkVisibleToThisApp(id, props, ctx);
    if (props.deletionPolicy !== 'removeMembers') {
      // The provider process has no Pulumi logger; its standard output reaches the CLI.
      warnOnCli(
        `${WHAT} "${String(props.name)}" (chatId ${id}) is left in DingTalk with its ` +
          "members: DingTalk has no API to dismiss it. Set deletionPolicy: 'removeMembers' to " +
          'empty it on delete, or dismiss it in the DingTalk client.',
      );
      return;
    }
    const chat = await ctx.clients().groupChats.getChat(id);
    if (isGone(chat)) {
      trustGoneAnswer(ctx, id, props, goneAnswer(statusOf(chat)));
      return;
    }
    for (const call of planMemberRemoval(chat.userIds, chat.owner)) {
      await ctx.clients().groupChats.updateChat({ chatId: id, ...call });
    }
  },
});

/**
 * The app recorded after an update. Changing the resource's `app` input moves the group to
 * that app once the app has read the group; otherwise the record stays (or is made, for state
 * of an earlier release, by the app whose update went through).
 */
async function managingAppAfterUpdate(
  id: string,
  olds: StoredOutputs<Outputs>,
  news: Inputs,
  ctx: LifecycleContext,
): Promise<string> {
  const current = ctx.clients().groupChats.appClientId();
  const recorded = typeof olds.appClientId === 'string' ? olds.appClientId : undefined;
  if (recorded === undefined || recorded === current) return current;
  // `app` is the credential set input that define.ts adds to every DingTalk resource.
  const appOf = (bag: object) => (bag as Record<string, unknown>).app;
  if (appOf(olds) === appOf(news)) return recorded;
  const chat = await ctx.clients().groupChats.getChat(id);
  if (isGone(chat)) throw foreignApp(id, recorded, current, goneAnswer(statusOf(chat)));
  return current;
}

/**
 * Before a delete by an app other than the recorded one: that app must see the group, or the
 * delete would drop from the stack a group it cannot reach (another organisation's app).
 */
async function checkVisibleToThisApp(
  id: string,
  props: StoredOutputs<Outputs>,
  ctx: LifecycleContext,
): Promise<void> {
  const current = ctx.clients().groupChats.appClientId();
  const recorded = props.appClientId;
  if (typeof recorded !== 'string' || recorded === current) return;
  const chat = await ctx.clients().groupChats.getChat(id);
  if (isGone(chat)) throw foreignApp(id, recorded, current, goneAnswer(statusOf(chat)));
}

function statusOf(chat: GroupChat | undefined): number | undefined {
  return chat?.status;
}
