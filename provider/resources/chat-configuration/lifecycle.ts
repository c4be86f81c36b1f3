import {
  DINGTALK_CONFIGURATION_KEYS as DINGTALK_KEYS,
  type ChatConfiguration,
  type ChatConfigurationListItem,
  type ChatConfigurationSpec,
  type ChatConfigurationStamp,
} from '../../clients/alicloud/oos';
import { AlreadyExists, ChatOpsError, isChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle, type StoredOutputs } from '../../lifecycle/define';
import { diffFields } from '../../lifecycle/diff';
import { partialFailure, recordingOnPartialFailure } from '../../lifecycle/partial-failure';
import { isMasked, liveOrLastApplied, mergeMaskedMap } from '../../lifecycle/secrets';
import { guardAccount } from '../shared/account-guard';
import { createRounds, isAmbiguousFailure, pauseBeforeRound } from '../shared/ambiguous-failure';
import {
  describeClaim as describeClaimShort,
  failUpdateOfGone,
  goneNotice,
  proveGone,
  type ClaimSubject,
  type ListingVerdict,
} from '../shared/gone-proof';
import { warnOnCli } from '../shared/cli-warning';
import { createdRecently } from '../shared/recent-create';
import { compareMarker } from './change-marker';
import { chatConfigurationListing } from './listing';
import { maskedSettingNames, withMaskedSettingsChanged } from './masked-drift';
import {
  CHAT_CONFIGURATION_SECRET_OUTPUTS,
  chatConfigurationChangeRules,
  chatConfigurationCrossFieldRules,
  chatConfigurationDiffSpec,
  chatConfigurationInputSchema,
  type ChatConfigurationInputs as Inputs,
  type ChatConfigurationOutputs as Outputs,
} from './schema';

const WHAT = 'OOS chat configuration';

interface Created {
  id: string;
  outs: Outputs;
}

/** `<regionId>/<name>`: names are unique per account and region. */
export function chatConfigurationId(key: { regionId: string; name: string }): string {
  return `${key.regionId}/${key.name}`;
}

/** The key of a configuration from its state, falling back to the id. */
function keyOf(id: string, props: StoredOutputs<Outputs>): { regionId: string; name: string } {
  const slash = id.indexOf('/');
  const regionId =
    typeof props.regionId === 'string' ? props.regionId : slash > 0 ? id.slice(0, slash) : '';
  const name = typeof props.name === 'string' ? props.name : id.slice(slash + 1);
  return { regionId, name };
}

/**
 * Whether a listed configuration is as the provider last applied it: its stamp is the one of
 * the provider's own last write, and what the listing shows (type, role) agrees.
 */
function isAsApplied(item: ChatConfigurationListItem, props: StoredOutputs<Outputs>): boolean {
  return (
    compareMarker(props.updatedDate, item.updatedDate) === 'unchanged' &&
    item.type === props.type &&
    (item.ramRole || undefined) === (props.ramRole || undefined)
  );
}

/** The outputs of a configuration as applied, with what the listing shows of it. */
function outputsAsApplied(
  item: ChatConfigurationListItem,
  key: { regionId: string },
  applied: StoredOutputs<Outputs>,
): Outputs {
  return {
    ...applied,
    name: item.name,
    type: item.type,
    regionId: key.regionId,
    adopt: applied.adopt === true,
    webhookUrl: item.outputs.URL ?? applied.webhookUrl,
  };
}

function specOf(inputs: Inputs): ChatConfigurationSpec {
  const configuration: Record<string, string> =
    inputs.type === 'WeChat'
      ? { ...(inputs.weComSettings ?? {}) }
      : {
          [DINGTALK_KEYS.clientId]: inputs.clientId ?? '',
          [DINGTALK_KEYS.clientSecret]: inputs.clientSecret ?? '',
          [DINGTALK_KEYS.templateId]: inputs.templateId ?? '',
        };
  return {
    regionId: inputs.regionId,
    name: inputs.name,
    type: inputs.type,
    ...(inputs.ramRole !== undefined ? { ramRole: inputs.ramRole } : {}),
    ...(inputs.resourceGroupId !== undefined ? { resourceGroupId: inputs.resourceGroupId } : {}),
    configuration,
  };
}

/**
 * The declared inputs, taken from inputs or outputs: what the runner adds (`__provider`) and
 * what OOS computes stay out.
 */
function inputsOf(out: Inputs): Inputs {
  return {
    name: out.name,
    type: out.type,
    regionId: out.regionId,
    ...(out.ramRole !== undefined ? { ramRole: out.ramRole } : {}),
    ...(out.resourceGroupId !== undefined ? { resourceGroupId: out.resourceGroupId } : {}),
    ...(out.clientId !== undefined ? { clientId: out.clientId } : {}),
    ...(out.clientSecret !== undefined ? { clientSecret: out.clientSecret } : {}),
    ...(out.templateId !== undefined ? { templateId: out.templateId } : {}),
    ...(out.weComSettings !== undefined ? { weComSettings: out.weComSettings } : {}),
    adopt: out.adopt === true,
  };
}

/**
 * Outputs from a live configuration. OOS masks secrets on Get, so a masked value keeps
 * what was last applied (`lastApplied`): drift of a secret cannot be seen by reading.
 */
function outputsFromLive(
  live: ChatConfiguration,
  key: { regionId: string },
  lastApplied: StoredOutputs<Outputs>,
): Outputs {
  const cfg = live.configuration;
  const settings =
    live.type === 'WeChat'
      ? { weComSettings: mergeMaskedMap(cfg, lastApplied.weComSettings) }
      : {
          clientId: cfg[DINGTALK_KEYS.clientId],
          clientSecret: liveOrLastApplied(
            cfg[DINGTALK_KEYS.clientSecret],
            lastApplied.clientSecret,
          ),
          templateId: cfg[DINGTALK_KEYS.templateId],
        };
  return {
    name: live.name,
    type: live.type,
    regionId: key.regionId,
    // OOS answers an empty string for "no role"; unset keeps the diff quiet.
    ramRole: live.ramRole ? live.ramRole : undefined,
    resourceGroupId: live.resourceGroupId ? live.resourceGroupId : undefined,
    ...settings,
    adopt: lastApplied.adopt === true,
    webhookUrl: live.outputs.URL,
    aesKey: liveOrLastApplied(live.outputs.AesKey, lastApplied.aesKey),
    createdDate: live.createdDate,
    updatedDate: live.updatedDate,
  };
}

/**
 * Whether an existing configuration is the one our own create committed (its answer lost,
 * a retry answered "already exists", or a killed run never saved it): same type and role,
 * every readable setting equal to ours, and created recently (see OWN_CREATE_WINDOW_MS).
 */
function isOwnCommittedCreate(
  live: ChatConfiguration,
  spec: ChatConfigurationSpec,
  startedAt: Date,
): boolean {
  if (live.type !== spec.type || (live.ramRole ?? '') !== (spec.ramRole ?? '')) return false;
  const liveKeys = Object.keys(live.configuration);
  const wantedKeys = Object.keys(spec.configuration);
  if (liveKeys.length !== wantedKeys.length) return false;
  for (const key of wantedKeys) {
    const value = live.configuration[key];
    if (value === undefined) return false;
    if (!isMasked(value) && value !== spec.configuration[key]) return false;
  }
  return createdRecently(live.createdDate, startedAt);
}

async function readBack(
  ctx: LifecycleContext,
  inputs: Inputs,
  stamp: ChatConfigurationStamp | undefined,
): Promise<Created> {
  const id = chatConfigurationId(inputs);
  let live: ChatConfiguration | undefined;
  try {
    live = await presentOrUndefined(ctx.clients().oos.getChatConfiguration(inputs));
  } catch (cause) {
    throw partialFailure(
      WHAT,
      id,
      { ...inputs, ...stamp },
      CHAT_CONFIGURATION_SECRET_OUTPUTS,
      cause,
    );
  }
  if (!live) {
    throw new ChatOpsError({
      code: 'READ_BACK_FAILED',
      message: `${WHAT} ${id} was created but is not readable; it may have been deleted meanwhile. Run the update again.`,
    });
  }
  return { id, outs: outputsFromLive(live, inputs, inputs) };
}

export const chatConfigurationLifecycle = defineLifecycle({
  schema: chatConfigurationInputSchema,
  crossFieldRules: chatConfigurationCrossFieldRules,
  changeRules: chatConfigurationChangeRules,
  diffSpec: chatConfigurationDiffSpec,
  credentialSet: 'account',

  /**
   * Create + Get (the URL output only comes from Get). Names are unique, so a create whose
   * answer was lost is safe to send again: if the first one committed after all, the next
   * answers ALREADY_EXISTS and the Get recognises our own configuration.
   */
  async create(checked, ctx) {
    const accountId = await ctx.clients().alicloudIdentity.accountId();
    const created = await recordingOnPartialFailure('accountId', accountId, () =>
      createConfiguration(checked, ctx),
    );
    const outs: Outputs = { ...created.outs, accountId };
    return { id: created.id, outs };
  },

  /**
   * Reads that run together share one ListChatConfigurations (see listing.ts): a
   * configuration whose `UpdatedDate` still is the stamp of the provider's own last write is
   * as applied, and needs no Get. The others get one Get. A Get that says the configuration
   * does not exist is believed only when a complete listing of the account and region lacks
   * it too (gone-proof.ts). A stamp that moved while every readable field stayed as applied
   * means a masked setting changed: it reads as changed (masked-drift.ts).
   */
  async read(id, props, ctx) {
    const key = keyOf(id, props);
    const accountId = await guardAccount(ctx, props.accountId, { what: WHAT, id });
    const read = await readConfiguration(key, props, ctx, subjectOf(id, key, props));
    return read.props ? { ...read, props: { ...read.props, accountId } } : read;
  },

  /** One Update: OOS takes the whole configuration and returns the new dates. */
  async update(id, olds, news, ctx) {
    const accountId = await guardAccount(ctx, olds.accountId, { what: WHAT, id });
    const inputs = inputsOf(news);
    const spec = specOf(inputs);
    let stamp: ChatConfigurationStamp;
    try {
      stamp = await ctx.clients().oos.updateChatConfiguration(spec);
    } catch (error) {
      if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
      return failUpdateOfGone(subjectOf(id, spec, olds), error, listingVerdict(ctx, spec));
    }
    return {
      outs: {
        ...inputs,
        webhookUrl: olds.webhookUrl,
        aesKey: olds.aesKey,
        ...definedDates(stamp, olds),
        accountId,
      },
    };
  },

  /** One Delete; a configuration proven gone (gone-proof.ts) counts as deleted. */
  async delete(id, props, ctx) {
    await guardAccount(ctx, props.accountId, { what: WHAT, id });
    const key = keyOf(id, props);
    try {
      await ctx.clients().oos.deleteChatConfiguration(key);
    } catch (error) {
      if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
      await proveGone(subjectOf(id, key, props), error, listingVerdict(ctx, key));
    }
  },
});

/**
 * Create + Get (the URL output only comes from Get). Names are unique, so a create whose
 * answer was lost is safe to send again: if the first one committed after all, the next
 * answers ALREADY_EXISTS and the Get recognises our own configuration.
 */
async function createConfiguration(checked: Inputs, ctx: LifecycleContext): Promise<Created> {
  {
    const inputs = inputsOf(checked);
    const spec = specOf(inputs);
    const oos = ctx.clients().oos;
    const startedAt = ctx.now();
    const rounds = createRounds(ctx);
    for (let round = 1; ; round++) {
      let stamp: ChatConfigurationStamp;
      try {
        stamp = await oos.createChatConfiguration(spec);
      } catch (error) {
        const exists = isChatOpsError(error, 'ALREADY_EXISTS');
        if (!exists && !isAmbiguousFailure(error)) throw error;
        // The create may have committed (a lost answer, or a retry of our own attempt):
        // look before deciding.
        // A not-found claim is taken at its word here: the worst it can cause is a create
        // that the service refuses as ALREADY_EXISTS, which brings the loop back here.
        const live = await presentOrUndefined(oos.getChatConfiguration(spec));
        if (live && isOwnCommittedCreate(live, spec, startedAt)) {
          return { id: chatConfigurationId(inputs), outs: outputsFromLive(live, inputs, inputs) };
        }
        if (exists && live) return adoptExisting(ctx, inputs, spec, live);
        // Nothing there: the create did not commit (or has not yet, which the next round's
        // ALREADY_EXISTS would reveal). A configuration deleted meanwhile is not retried.
        if (exists || round >= rounds) throw error;
        await pauseBeforeRound(round);
        continue;
      }
      return readBack(ctx, inputs, stamp);
    }
  }
}

/** How messages about a configuration name it and the listing that decides about it. */
function subjectOf(
  id: string,
  key: { regionId: string },
  props: StoredOutputs<Outputs>,
): ClaimSubject {
  return {
    what: WHAT,
    id,
    listing: `oos:ListChatConfigurations of ${key.regionId}`,
    accountRecorded: typeof props.accountId === 'string' && props.accountId !== '',
  };
}

/** A fresh, complete walk of the region's configurations, asked only to confirm a claim. */
function listingVerdict(
  ctx: LifecycleContext,
  key: { regionId: string; name: string },
): () => Promise<ListingVerdict> {
  return async () => {
    const listing = await ctx.clients().oos.listAllChatConfigurations({ regionId: key.regionId });
    return {
      listed: listing.items.some((item) => item.name === key.name),
      complete: listing.complete,
      ...(listing.requestId !== undefined ? { requestId: listing.requestId } : {}),
    };
  };
}

/** The value of a Get, or `undefined` on its not-found claim. */
async function presentOrUndefined(
  get: Promise<ChatConfiguration>,
): Promise<ChatConfiguration | undefined> {
  try {
    return await get;
  } catch (error) {
    if (isChatOpsError(error, 'NOT_FOUND')) return undefined;
    throw error;
  }
}

async function readConfiguration(
  key: { regionId: string; name: string },
  props: StoredOutputs<Outputs>,
  ctx: LifecycleContext,
  subject: ClaimSubject,
): Promise<{ id?: string; props?: Outputs; inputs?: Inputs }> {
  const oos = ctx.clients().oos;
  const listed = await chatConfigurationListing(oos).lookup(key.regionId, key.name);
  if (listed !== 'unlisted' && listed.item && isAsApplied(listed.item, props)) {
    const outs = outputsAsApplied(listed.item, key, props);
    return { id: chatConfigurationId(key), props: outs, inputs: inputsOf(outs) };
  }
  let live: ChatConfiguration;
  try {
    live = await oos.getChatConfiguration(key);
  } catch (error) {
    if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
    const listingId = await proveGone(subject, error, listingVerdict(ctx, key));
    // The provider process's standard output reaches the CLI: say why it leaves the stack.
    warnOnCli(goneNotice(subject, describeClaimShort(error), listingId));
    return {};
  }
  let outs = outputsFromLive(live, key, props);
  if (
    compareMarker(props.updatedDate, live.updatedDate) === 'moved' &&
    !diffFields(chatConfigurationDiffSpec, { ...outs }, { ...props }).changes
  ) {
    outs = withMaskedSettingsChanged(outs, live);
    warnOnCli(
      `${WHAT} ${chatConfigurationId(key)} was written outside Pulumi (UpdatedDate ` +
        `${props.updatedDate} -> ${live.updatedDate}) while every readable field is as ` +
        `applied: ${maskedSettingNames(live).join(', ')}, which OOS does not show, may have ` +
        'changed and will be written again by the next up.',
    );
  }
  return {
    id: chatConfigurationId({ regionId: key.regionId, name: live.name }),
    props: outs,
    inputs: inputsOf(outs),
  };
}

/**
 * Takes over a configuration of the same name when asked to: make it match this program,
 * so its secret is known (a masked Get could not tell) and state holds what was applied.
 */
async function adoptExisting(
  ctx: LifecycleContext,
  inputs: Inputs,
  spec: ChatConfigurationSpec,
  live: ChatConfiguration,
): Promise<Created> {
  if (!inputs.adopt) throw new AlreadyExists(WHAT, chatConfigurationId(inputs));
  const updated = await ctx.clients().oos.updateChatConfiguration(spec);
  const outs = outputsFromLive(live, inputs, inputs);
  return {
    id: chatConfigurationId(inputs),
    outs: { ...outs, ...inputs, ...definedDates(updated, outs) },
  };
}

function definedDates(
  stamp: ChatConfigurationStamp,
  previous: StoredOutputs<Outputs>,
): { createdDate?: string; updatedDate?: string } {
  return {
    createdDate: stamp.createdDate ?? previous.createdDate,
    updatedDate: stamp.updatedDate ?? previous.updatedDate,
  };
}
