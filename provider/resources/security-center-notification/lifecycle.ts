import type {
  DingTalkListing,
  DingTalkNotification,
  DingTalkNotificationSpec,
  SecurityCenterClient,
} from '../../clients/alicloud/security-center';
import { AlreadyExists, ChatOpsError, isChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle, type StoredOutputs } from '../../lifecycle/define';
import { diffFields, type DiffSpec } from '../../lifecycle/diff';
import { partialFailure, recordingOnPartialFailure } from '../../lifecycle/partial-failure';
import { liveOrLastApplied } from '../../lifecycle/secrets';
import { systemClock } from '../../http/clock';
import {
  createRounds,
  isAmbiguousFailure,
  settleAfterAmbiguousFailure,
} from '../shared/ambiguous-failure';
import { guardAccount } from '../shared/account-guard';
import {
  failUpdateOfGone,
  goneNotice,
  proveGone,
  type ClaimSubject,
  type ListingVerdict,
} from '../shared/gone-proof';
import { warnOnCli } from '../shared/cli-warning';
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
    const accountId = await ctx.clients().alicloudIdentity.accountId();
    const startedAt = ctx.now();
    const before = await notificationFinder(sas).findByName(inputs.regionId, inputs.name);
    const ownEarlier = ownEarlierCreate(before, inputs, startedAt);
    const created = await recordingOnPartialFailure('accountId', accountId, async () =>
      before.length > 0 && !ownEarlier
        ? adoptExisting(sas, inputs, before)
        : keepLowestCreated(
            sas,
            inputs,
            ownEarlier ? before : await createAndFind(sas, inputs, ctx, { startedAt, accountId }),
          ),
    );
    const outs: Outputs = { ...created.outs, accountId };
    return { id: created.id, outs };
  },

  /**
   * Found by Id under the stored name, or in a listing shared with the reads that run at the
   * same time (see NotificationFinder); a notification that is gone returns no id.
   */
  async read(id, props, ctx) {
    const accountId = await guardAccount(ctx, props.accountId, { what: WHAT, id });
    const region = regionOf(props, ctx);
    if (isPending(props)) {
      const made = await pendingCreateOf(ctx, props, region);
      if (made) {
        checkAliUid(made, accountId, id);
        const outs: Outputs = { ...outputsFromLive(made, region, props), accountId };
        return { id: String(made.id), props: outs, inputs: inputsOf(outs) };
      }
      const subject = subjectOf(id, region, props);
      const listingId = await proveGone(
        subject,
        pendingClaim(id),
        pendingVerdict(ctx, props, region),
      );
      warnOnCli(goneNotice(subject, 'the pending create never showed', listingId));
      return {};
    }
    const notificationId = idOf(id, props);
    const finder = notificationFinder(ctx.clients().securityCenter);
    const live = await finder.findById(region, notificationId, props.name);
    if (!live) {
      const subject = subjectOf(id, region, props);
      const claim = new ChatOpsError({
        code: 'NOT_FOUND',
        message: `${WHAT} ${id} is not listed`,
        operation: 'sas:DescribeDingTalk',
      });
      const listingId = await proveGone(
        subject,
        claim,
        listingVerdict(ctx, region, notificationId),
      );
      // The provider process's standard output reaches the CLI: say why it leaves the stack.
      warnOnCli(goneNotice(subject, 'the look-up by Id did not find it', listingId));
      return {};
    }
    checkAliUid(live, accountId, id);
    const outs: Outputs = { ...outputsFromLive(live, region, props), accountId };
    return { id: String(live.id), props: outs, inputs: inputsOf(outs) };
  },

  /** CreateOrUpdateDingTalk only if a setting changed, ModifyDingTalkStatus only if `enabled` did. */
  async update(id, olds, news, ctx) {
    const accountId = await guardAccount(ctx, olds.accountId, { what: WHAT, id });
    const sas = ctx.clients().securityCenter;
    const inputs = inputsOf(news);
    const previous = olds;
    const notificationId = isPending(olds)
      ? await pendingIdForUpdate(ctx, id, olds, inputs.regionId)
      : idOf(id, olds);
    const subject = subjectOf(id, inputs.regionId, olds);
    const gone = goneOnUpdate(subject, listingVerdict(ctx, inputs.regionId, notificationId));
    if (diffFields(settingsSpec, olds, news).changes) {
      await sas.createOrUpdateDingTalk(inputs.regionId, specOf(inputs, notificationId)).catch(gone);
    }
    if (previous.enabled !== inputs.enabled) {
      try {
        await sas
          .modifyDingTalkStatus(inputs.regionId, [notificationId], inputs.enabled)
          .catch(gone);
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
        accountId,
      },
    };
  },

  /**
   * DeleteDingTalk succeeds for an Id that no longer exists, as far as anyone has seen; should
   * it answer a not-found code instead, the notification counts as deleted once a complete
   * listing lacks it (gone-proof.ts).
   */
  async delete(id, props, ctx) {
    await guardAccount(ctx, props.accountId, { what: WHAT, id });
    const region = regionOf(props, ctx);
    if (isPending(props)) {
      const made = await pendingCreateOf(ctx, props, region);
      if (made) await ctx.clients().securityCenter.deleteDingTalk(region, [made.id]);
      else
        await proveGone(
          subjectOf(id, region, props),
          pendingClaim(id),
          pendingVerdict(ctx, props, region),
        );
      return;
    }
    const notificationId = idOf(id, props);
    try {
      await ctx.clients().securityCenter.deleteDingTalk(region, [notificationId]);
    } catch (error) {
      if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
      await proveGone(
        subjectOf(id, region, props),
        error,
        listingVerdict(ctx, region, notificationId),
      );
    }
  },
});

/** Security Center's own word on the account (`AliUid`), when exact: a free cross-check. */
function checkAliUid(live: DingTalkNotification, accountId: string, id: string): void {
  if (live.aliUid !== undefined && live.aliUid !== accountId) {
    throw new ChatOpsError({
      code: 'WRONG_ACCOUNT',
      message: `${WHAT} ${id} is listed with AliUid ${live.aliUid}, but the credentials of this run belong to account ${accountId}. Nothing was changed; check the credential settings and the Security Center endpoint.`,
    });
  }
}

/** How messages name a notification and the listing that decides about it. */
function subjectOf(id: string, region: string, props: StoredOutputs<Outputs>): ClaimSubject {
  return {
    what: WHAT,
    id,
    listing: `sas:DescribeDingTalk of ${region}`,
    accountRecorded: typeof props.accountId === 'string' && props.accountId !== '',
  };
}

/**
 * A listing of the region fit to prove an absence: walked twice, and complete only when both
 * walks were complete and saw the same Ids. Pages are positions, not snapshots: a notification
 * deleted and another added between two page reads can hide a third from one walk while the
 * count stays right; a second walk that agrees makes that a coincidence twice over. Proofs are
 * rare (only after a "does not exist"), so the second walk costs little.
 */
async function confirmedListing(ctx: LifecycleContext, region: string): Promise<DingTalkListing> {
  const sas = ctx.clients().securityCenter;
  const first = await sas.listAllDingTalk(region);
  if (!first.complete) return first;
  const second = await sas.listAllDingTalk(region);
  const ids = (listing: DingTalkListing) =>
    listing.items
      .map((n) => n.id)
      .sort((a, b) => a - b)
      .join(',');
  return { ...second, complete: second.complete && ids(first) === ids(second) };
}

/** A complete walk of the region's notifications, asked only to confirm a claim. */
function listingVerdict(
  ctx: LifecycleContext,
  region: string,
  notificationId: number,
): () => Promise<ListingVerdict> {
  return async () => {
    const listing = await confirmedListing(ctx, region);
    return {
      listed: listing.items.some((item) => item.id === notificationId),
      complete: listing.complete,
      ...(listing.requestId !== undefined ? { requestId: listing.requestId } : {}),
    };
  };
}

/** What an update makes of a failed call: a not-found claim goes to the proof. */
function goneOnUpdate(
  subject: ClaimSubject,
  list: () => Promise<ListingVerdict>,
): (error: unknown) => Promise<never> {
  return async (error) => {
    if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
    return failUpdateOfGone(subject, error, list);
  };
}

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
  attempt: PendingAttempt,
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
    return findCreated(sas, inputs, attempt);
  }
}

/**
 * How long to wait, one pause after another, for a notification that CreateOrUpdateDingTalk
 * accepted to show in DescribeDingTalk (about 30 s in all). Create answers no Id, and nothing
 * published says the listing shows a new notification at once.
 */
export const READ_BACK_PAUSES_MS = [500, 1000, 2000, 4000, 8000, 15000];

/** A create under way: when it began, and the account it writes into. */
interface PendingAttempt {
  startedAt: Date;
  accountId: string;
}

/** The id of a resource whose create was accepted but never seen listed. */
const PENDING_ID_PREFIX = 'pending-create-';

/**
 * The notifications of the name, looked up again after each pause until one shows. One that
 * never shows stays in the stack as a pending create (a partial failure whose outputs record
 * when the create began), so the next refresh, update or delete finds it by what the create
 * recorded, at any later time, and nothing is created twice.
 */
async function findCreated(
  sas: SecurityCenterClient,
  inputs: Inputs,
  attempt: PendingAttempt,
  pauses: readonly number[] = READ_BACK_PAUSES_MS,
): Promise<DingTalkNotification[]> {
  const pending = (cause: unknown) =>
    partialFailure(
      WHAT,
      `${PENDING_ID_PREFIX}${attempt.startedAt.getTime()}`,
      {
        ...inputs,
        pendingCreateSince: attempt.startedAt.toISOString(),
        accountId: attempt.accountId,
      },
      NOTIFICATION_SECRET_OUTPUTS,
      cause,
    );
  for (const pause of [0, ...pauses]) {
    if (pause > 0) await systemClock.sleep(pause);
    let found: DingTalkNotification[];
    try {
      found = await notificationFinder(sas).findByName(inputs.regionId, inputs.name);
    } catch (cause) {
      // The create was accepted: whatever the listing answers now, the stack must keep it.
      throw pending(cause);
    }
    if (found.length > 0) return found;
  }
  const waited = pauses.reduce((sum, pause) => sum + pause, 0) / 1000;
  throw pending(
    new ChatOpsError({
      code: 'READ_BACK_FAILED',
      message: `${WHAT} "${inputs.name}" was accepted but DescribeDingTalk has not listed it after ${waited} s; the stack keeps it as a pending create, which the next \`pulumi up\` or \`pulumi refresh\` finds by its name, settings and creation time`,
    }),
  );
}

/**
 * The notification a pending create made: of the name, with the declared settings, created
 * since the create began (the lowest Id if several); `undefined` when none is listed.
 */
async function pendingCreateOf(
  ctx: LifecycleContext,
  props: StoredOutputs<Outputs>,
  region: string,
): Promise<DingTalkNotification | undefined> {
  const since = new Date(String(props.pendingCreateSince));
  const declared = inputsOf(props as Outputs);
  const found = await notificationFinder(ctx.clients().securityCenter).findByName(
    region,
    declared.name,
  );
  const own = found.filter((n) => isPendingCreateOf(n, { ...declared, regionId: region }, since));
  return own.sort((a, b) => a.id - b.id)[0];
}

/**
 * Whether a listed notification is the one a pending create made: its settings as declared
 * and created since the create began (with the same allowance for a remote clock behind ours
 * as OWN_CREATE_WINDOW_MS). The webhook is not compared: state keeps no secret of a create
 * that did not finish.
 */
function isPendingCreateOf(live: DingTalkNotification, declared: Inputs, since: Date): boolean {
  const readBack = outputsFromLive(live, declared.regionId, declared);
  const withoutWebhook: DiffSpec = {
    fields: Object.fromEntries(
      Object.entries(settingsSpec.fields).filter(([f]) => f !== 'webhookUrl'),
    ),
  };
  return (
    !diffFields(withoutWebhook, readBack, declared).changes &&
    createdRecently(live.gmtCreate, since)
  );
}

function isPending(props: StoredOutputs<Outputs>): boolean {
  return typeof props.pendingCreateSince === 'string';
}

/** A complete listing that shows no notification of the pending create. */
function pendingVerdict(
  ctx: LifecycleContext,
  props: StoredOutputs<Outputs>,
  region: string,
): () => Promise<ListingVerdict> {
  return async () => {
    const listing = await confirmedListing(ctx, region);
    const since = new Date(String(props.pendingCreateSince));
    const name = String(props.name);
    // Proof that the create made nothing: no notification of the name that may be newer than
    // the create, whatever its settings (it may have been edited since) or its dates say.
    return {
      listed: listing.items.some(
        (n) =>
          n.ruleActionName === name &&
          (n.gmtCreate === undefined || createdRecently(n.gmtCreate, since)),
      ),
      complete: listing.complete,
      ...(listing.requestId !== undefined ? { requestId: listing.requestId } : {}),
    };
  };
}

/** The claim that a pending create left nothing behind, for the proof. */
function pendingClaim(id: string): ChatOpsError {
  return new ChatOpsError({
    code: 'NOT_FOUND',
    message: `${WHAT} ${id}: no notification of the pending create is listed`,
    operation: 'sas:DescribeDingTalk',
  });
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

/** The Id an update of a pending create applies to: the notification that create made. */
async function pendingIdForUpdate(
  ctx: LifecycleContext,
  id: string,
  olds: StoredOutputs<Outputs>,
  region: string,
): Promise<number> {
  const made = await pendingCreateOf(ctx, olds, region);
  if (made) return made.id;
  throw new ChatOpsError({
    code: 'NOT_FOUND',
    message: `${WHAT} ${id}: the create accepted at ${String(olds.pendingCreateSince)} is still not listed. Run \`pulumi refresh\`: it takes the notification into the stack once it shows, or drops the pending create once a complete listing proves nothing was made.`,
  });
}
