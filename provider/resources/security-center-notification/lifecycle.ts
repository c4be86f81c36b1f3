import type {
  DingTalkNotification,
  DingTalkNotificationSpec,
  SecurityCenterClient,
} from '../../clients/alicloud/security-center';
import { AlreadyExists, ChatOpsError, isChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle, type StoredOutputs } from '../../lifecycle/define';
import { diffFields, type DiffSpec } from '../../lifecycle/diff';
import { partialFailure } from '../../lifecycle/partial-failure';
import { liveOrLastApplied } from '../../lifecycle/secrets';
import {
  createRounds,
  isAmbiguousFailure,
  settleAfterAmbiguousFailure,
} from '../shared/ambiguous-failure';
import { createdRecently } from '../shared/recent-create';
import { notificationFinder } from './finder';
import {
  DEFAULT_SECURITY_CENTER_REGION,
  NOTIFICATION_SECRET_OUTPUTS,
  notificationDiffSpec,
  notificationInputSchema,
  type SecurityCenterDingTalkNotificationInputs as Inputs,
  type SecurityCenterDingTalkNotificationOutputs as Outputs,
} from './schema';

const WHAT = 'Security Center DingTalk notification';

interface Created {
  id: string;
  outs: Outputs;
}

/** The declared inputs, taken from inputs or outputs (`__provider` and outputs stay out). */
function inputsOf(from: Inputs): Inputs {
  return {
    name: from.name,
    webhookUrl: from.webhookUrl,
    intervalTime: from.intervalTime,
    language: from.language,
    groupIds: from.groupIds ?? [],
    config: from.config ?? [],
    enabled: from.enabled !== false,
    regionId: from.regionId,
    adopt: from.adopt === true,
  };
}

function specOf(inputs: Inputs, id?: number): DingTalkNotificationSpec {
  return {
    ...(id !== undefined ? { id } : {}),
    ruleActionName: inputs.name,
    sendUrl: inputs.webhookUrl,
    intervalTime: inputs.intervalTime,
    language: inputs.language,
    groupIds: inputs.groupIds,
    config: inputs.config.map((entry) => ({
      type: entry.type,
      items: entry.items.map((item) => ({ key: item.key, values: item.values })),
    })),
  };
}

/** Outputs from a live notification; a masked webhook keeps the value last applied. */
function outputsFromLive(
  live: DingTalkNotification,
  regionId: string,
  lastApplied: StoredOutputs<Outputs>,
): Outputs {
  return {
    name: live.ruleActionName,
    // Unset only for state that never held the webhook; the diff then applies it again.
    webhookUrl: liveOrLastApplied(live.sendUrl, lastApplied.webhookUrl) as string,
    intervalTime: live.intervalTime,
    language: live.language,
    groupIds: live.groupIds,
    config: live.config.map((entry) => ({
      type: entry.type,
      items: entry.items.map((item) => ({ key: item.key, values: item.values })),
    })),
    enabled: live.enabled,
    regionId,
    adopt: lastApplied.adopt === true,
    notificationId: live.id,
    createdDate: live.gmtCreate,
    updatedDate: live.gmtModified,
  };
}

function idOf(id: string, props: StoredOutputs<Outputs>): number {
  const fromState = props.notificationId;
  return typeof fromState === 'number' ? fromState : Number(id);
}

/** The region of a notification in state; state written without one gets the default. */
function regionOf(props: StoredOutputs<Outputs>, ctx: LifecycleContext): string {
  return typeof props.regionId === 'string'
    ? props.regionId
    : (ctx.settings().region ?? DEFAULT_SECURITY_CENTER_REGION);
}

/** What CreateOrUpdateDingTalk carries; the status has a call of its own. */
const settingsSpec: DiffSpec = {
  fields: Object.fromEntries(
    Object.entries(notificationDiffSpec.fields).filter(
      ([f]) => f !== 'enabled' && f !== 'regionId',
    ),
  ),
};

export const securityCenterDingTalkNotificationLifecycle = defineLifecycle({
  schema: notificationInputSchema,
  diffSpec: notificationDiffSpec,
  credentialSet: 'account',

  /**
   * Names are not unique remotely and Create returns no Id, so: look the name up first
   * (existing + no adopt = "already exists", unless it is this resource's own recent create
   * that a killed run never saved), create, then find every exact-name match, keep the
   * lowest new Id and delete any other new one (a create committed twice).
   */
  async create(checked, ctx) {
    const inputs = inputsOf(checked);
    const sas = ctx.clients().securityCenter;
    const startedAt = ctx.now();
    const before = await notificationFinder(sas).findByName(inputs.regionId, inputs.name);
    const ownEarlier = ownEarlierCreate(before, inputs, startedAt);
    if (before.length > 0 && !ownEarlier) return adoptExisting(sas, inputs, before);
    const created = ownEarlier ? before : await createAndFind(sas, inputs, ctx);
    return keepLowestCreated(sas, inputs, created);
  },

  /**
   * Found by Id under the stored name, or in a listing shared with the reads that run at the
   * same time (see NotificationFinder); a notification that is gone returns no id.
   */
  async read(id, props, ctx) {
    const region = regionOf(props, ctx);
    const finder = notificationFinder(ctx.clients().securityCenter);
    const live = await finder.findById(region, idOf(id, props), props.name);
    if (!live) return {};
    const outs = outputsFromLive(live, region, props);
    return { id: String(live.id), props: outs, inputs: inputsOf(outs) };
  },

  /** CreateOrUpdateDingTalk only if a setting changed, ModifyDingTalkStatus only if `enabled` did. */
  async update(id, olds, news, ctx) {
    const sas = ctx.clients().securityCenter;
    const inputs = inputsOf(news);
    const previous = olds;
    const notificationId = idOf(id, olds);
    if (diffFields(settingsSpec, olds, news).changes) {
      await sas.createOrUpdateDingTalk(inputs.regionId, specOf(inputs, notificationId));
    }
    if (previous.enabled !== inputs.enabled) {
      try {
        await sas.modifyDingTalkStatus(inputs.regionId, [notificationId], inputs.enabled);
      } catch (cause) {
        throw partialFailure(
          WHAT,
          id,
          { ...previous, ...inputs, enabled: previous.enabled, notificationId },
          NOTIFICATION_SECRET_OUTPUTS,
          cause,
        );
      }
    }
    return {
      outs: {
        ...inputs,
        notificationId,
        createdDate: previous.createdDate,
        updatedDate: previous.updatedDate,
      },
    };
  },

  /**
   * DeleteDingTalk succeeds for an Id that no longer exists; should it answer
   * `DingTalkNotExist` instead, the notification is as deleted (gone-answers.ts).
   */
  async delete(id, props, ctx) {
    try {
      await ctx.clients().securityCenter.deleteDingTalk(regionOf(props, ctx), [idOf(id, props)]);
    } catch (error) {
      if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
    }
  },
});

/**
 * The one notification of this name, created moments ago with exactly these settings: an
 * earlier run of this resource made it and was killed before saving it (docs/recovery.md).
 * It is taken over instead of created again. With several of that name nobody can tell
 * which are ours: the user decides, with adopt.
 */
function ownEarlierCreate(
  before: readonly DingTalkNotification[],
  inputs: Inputs,
  startedAt: Date,
): boolean {
  return !inputs.adopt && before.length === 1 && isOwnEarlierCreate(before[0], inputs, startedAt);
}

/**
 * Whether a notification that exists before this create is one an earlier run of this very
 * resource created and never recorded (the run was killed, or its answer was lost): every
 * setting equal to the declared ones (a masked webhook cannot be compared and counts as
 * equal, as in diff) and created within OWN_CREATE_WINDOW_MS. The status may differ: the
 * run may have died before ModifyDingTalkStatus, which create applies afterwards anyway.
 */
function isOwnEarlierCreate(live: DingTalkNotification, inputs: Inputs, startedAt: Date): boolean {
  const readBack = outputsFromLive(live, inputs.regionId, inputs);
  return (
    !diffFields(settingsSpec, readBack, inputs).changes &&
    createdRecently(live.gmtCreate, startedAt)
  );
}

/**
 * Of the notifications a create left (one, or more when a create committed twice), keeps
 * the lowest Id, deletes the others and applies the declared status. Anything failing after
 * the create is a partial failure: the kept notification stays in the stack.
 */
async function keepLowestCreated(
  sas: SecurityCenterClient,
  inputs: Inputs,
  created: readonly DingTalkNotification[],
): Promise<Created> {
  const region = inputs.regionId;
  const [kept, ...extras] = [...created].sort((a, b) => a.id - b.id);
  const id = String(kept.id);
  let outs = outputsFromLive(kept, region, inputs);
  try {
    if (extras.length > 0) {
      await sas.deleteDingTalk(
        region,
        extras.map((n) => n.id),
      );
    }
    if (kept.enabled !== inputs.enabled) {
      await sas.modifyDingTalkStatus(region, [kept.id], inputs.enabled);
      outs = { ...outs, enabled: inputs.enabled };
    }
  } catch (cause) {
    throw partialFailure(WHAT, id, outs, NOTIFICATION_SECRET_OUTPUTS, cause);
  }
  return { id, outs };
}

/**
 * Creates the notification and returns every notification of its name (nothing of that name
 * existed before). When the answer is lost (reset, timeout, 5xx), waits for a late commit to
 * show, looks, and creates again only if nothing was created, up to `maxAttempts` rounds.
 */
async function createAndFind(
  sas: SecurityCenterClient,
  inputs: Inputs,
  ctx: LifecycleContext,
): Promise<DingTalkNotification[]> {
  const region = inputs.regionId;
  const rounds = createRounds(ctx);
  for (let round = 1; ; round++) {
    try {
      await sas.createOrUpdateDingTalk(region, specOf(inputs));
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      await settleAfterAmbiguousFailure(error, round, ctx);
      const found = await notificationFinder(sas).findByName(region, inputs.name);
      if (found.length > 0) return found;
      if (round >= rounds) throw error;
      continue;
    }
    const found = await notificationFinder(sas).findByName(region, inputs.name);
    if (found.length === 0) {
      throw new ChatOpsError({
        code: 'READ_BACK_FAILED',
        message: `${WHAT} "${inputs.name}" was accepted but is not listed; run the update again`,
      });
    }
    return found;
  }
}

/**
 * Takes over the existing notification of the name with the lowest Id when asked to (else
 * "already exists"): apply the program's settings and status to it.
 */
async function adoptExisting(
  sas: SecurityCenterClient,
  inputs: Inputs,
  existing: readonly DingTalkNotification[],
): Promise<Created> {
  if (!inputs.adopt) throw new AlreadyExists(WHAT, `"${inputs.name}"`);
  const region = inputs.regionId;
  const target = existing.reduce((low, n) => (n.id < low.id ? n : low));
  const id = String(target.id);
  await sas.createOrUpdateDingTalk(region, specOf(inputs, target.id));
  const outs: Outputs = {
    ...inputs,
    notificationId: target.id,
    createdDate: target.gmtCreate,
    updatedDate: target.gmtModified,
  };
  if (target.enabled !== inputs.enabled) {
    try {
      await sas.modifyDingTalkStatus(region, [target.id], inputs.enabled);
    } catch (cause) {
      throw partialFailure(
        WHAT,
        id,
        { ...outs, enabled: target.enabled },
        NOTIFICATION_SECRET_OUTPUTS,
        cause,
      );
    }
  }
  return { id, outs };
}
