import { ownedByCaller } from '../alicloud/account-scope';
import { invalidField, missingField } from '../alicloud/errors';
import type { RpcContext, RpcHandler } from '../alicloud/rpc-context';
import { integerParam } from '../alicloud/rpc-params';
import type { DingTalkNotificationRecord } from '../state';

/**
 * Security Center DingTalk notifications, product `sas`, API version 2018-12-03
 * (docs/wire-facts.md section 1b; unknown-Id and validation codes from docs/wire-facts.md).
 */
export const SAS_VERSION = '2018-12-03';

const LANGUAGES = ['zh', 'en'];
const DEFAULT_PAGE_SIZE = 20;

/** The message of every "no such notification" answer; its status and code are a wire variant. */
function notExistMessage(id: number): string {
  return `The DingTalk notification ${id} does not exist.`;
}

/** The caller's account's notifications; another account's Id reads as unknown. */
function notifications(ctx: RpcContext): DingTalkNotificationRecord[] {
  return ctx.store.state.securityCenter.notifications.filter((n) => ownedByCaller(n, ctx));
}

function requiredText(params: Record<string, string>, field: string): string {
  const value = params[field];
  if (value === undefined || value === '') throw missingField(field);
  return value;
}

function jsonArrayText(params: Record<string, string>, field: string): string | undefined {
  const value = params[field];
  if (value === undefined) return undefined;
  try {
    if (Array.isArray(JSON.parse(value))) return value;
  } catch {
    // reported below
  }
  throw invalidField('InvalidParam', field, 'expected a JSON array');
}

/** Comma-separated numeric ids (`Ids=1,2,3`). */
function idList(params: Record<string, string>): number[] {
  const raw = requiredText(params, 'Ids');
  const ids = raw.split(',').map((part) => part.trim());
  if (ids.some((id) => !/^\d+$/.test(id))) {
    throw invalidField('InvalidParam', 'Ids', 'expected comma-separated numeric ids');
  }
  return ids.map(Number);
}

const createOrUpdate: RpcHandler = (params, ctx) => {
  const name = requiredText(params, 'RuleActionName');
  if (name.length < 2 || name.length > 64) {
    throw invalidField('InvalidParam', 'RuleActionName', 'the name must be 2 to 64 characters');
  }
  const sendUrl = requiredText(params, 'SendUrl');
  if (!/^https?:\/\/\S+$/.test(sendUrl)) {
    throw invalidField('InvalidParam', 'SendUrl', 'expected a webhook URL');
  }
  const intervalTime =
    integerParam(params, 'IntervalTime', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      prefix: 'InvalidParam',
    }) ?? 0;
  const language = params.DingTalkLang || 'zh';
  if (!LANGUAGES.includes(language)) {
    throw invalidField('InvalidParam', 'DingTalkLang', 'expected zh or en');
  }
  const configList = jsonArrayText(params, 'ConfigList');
  const groupIdList = jsonArrayText(params, 'GroupIdList');
  const id = integerParam(params, 'Id', {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    prefix: 'InvalidParam',
  });

  if (id !== undefined) {
    const record = notifications(ctx).find((n) => n.id === id);
    if (!record) {
      ctx.variants.answerMissing('CreateOrUpdateDingTalk', notExistMessage(id));
      return {}; // success as if done: nothing is created in its place
    }
    record.ruleActionName = name;
    record.sendUrl = sendUrl;
    record.intervalTime = intervalTime;
    record.language = language;
    if (configList !== undefined) record.configList = configList;
    if (groupIdList !== undefined) record.groupIdList = groupIdList;
    record.gmtModified = ctx.now;
  } else {
    const state = ctx.store.state.securityCenter;
    state.notifications.push({
      accountId: ctx.accountId,
      id: state.nextId,
      ruleActionName: name,
      sendUrl,
      status: 1,
      intervalTime,
      configList: configList ?? '[]',
      groupIdList: groupIdList ?? '[]',
      language,
      gmtCreate: ctx.now,
      gmtModified: ctx.now,
    });
    state.nextId += 1;
  }
  ctx.store.changed();
  // Only a RequestId: the new Id has to be found with DescribeDingTalk (docs/wire-facts.md 1b).
  return {};
};

/** PageSize within the selected limit: refused above it, or served as the limit. */
function describePageSize(params: Record<string, string>, ctx: RpcContext): number {
  const { limit, mode } = ctx.variants.describeDingTalkPageSize();
  const requested = integerParam(params, 'PageSize', {
    min: 1,
    max: mode === 'refuse' ? limit : Number.MAX_SAFE_INTEGER,
    prefix: 'InvalidParam',
  });
  return Math.min(requested ?? DEFAULT_PAGE_SIZE, limit);
}

/** Notifications DescribeDingTalk shows: those created long enough ago to be listed. */
function listed(ctx: RpcContext): DingTalkNotificationRecord[] {
  const delay = ctx.variants.current.notificationListingDelayMs ?? 0;
  return notifications(ctx).filter((n) => ctx.now >= n.gmtCreate + delay);
}

const describe: RpcHandler = (params, ctx) => {
  const currentPage =
    integerParam(params, 'CurrentPage', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      prefix: 'InvalidParam',
    }) ?? 1;
  const pageSize = describePageSize(params, ctx);
  const filter = params.RuleActionName ?? '';
  const selected = listed(ctx).filter((n) => n.ruleActionName.includes(filter));
  const page = selected.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  const aliUid = Number(ctx.accountId);
  const pageInfo: Record<string, number> = { CurrentPage: currentPage, PageSize: pageSize };
  if (!ctx.variants.current.describeDingTalkOmitTotalCount) pageInfo.TotalCount = selected.length;
  return {
    PageInfo: pageInfo,
    // Sent as RuleActionName/SendUrl, read back as ActionName/Url.
    ActionList: page.map((n) => ({
      Id: n.id,
      ActionName: n.ruleActionName,
      Url: n.sendUrl,
      Status: n.status,
      ConfigList: n.configList,
      GroupIdList: n.groupIdList,
      DingTalkLang: n.language,
      IntervalTime: n.intervalTime,
      AliUid: Number.isSafeInteger(aliUid) ? aliUid : ctx.accountId,
      GmtCreate: n.gmtCreate,
      GmtModified: n.gmtModified,
    })),
  };
};

/** The first of `ids` the caller's account has no notification with. */
function firstMissing(ids: number[], ctx: RpcContext): number | undefined {
  const known = new Set(notifications(ctx).map((n) => n.id));
  return ids.find((id) => !known.has(id));
}

/**
 * Unknown Ids are ignored by default: deleting is idempotent (docs/wire-facts.md). When the
 * wire variant makes them an error, nothing is deleted.
 */
const remove: RpcHandler = (params, ctx) => {
  const requested = idList(params);
  const missing = firstMissing(requested, ctx);
  if (missing !== undefined) ctx.variants.answerMissing('DeleteDingTalk', notExistMessage(missing));
  const ids = new Set(requested);
  const owned = new Set(notifications(ctx).filter((n) => ids.has(n.id)));
  const state = ctx.store.state.securityCenter;
  const before = state.notifications.length;
  state.notifications = state.notifications.filter((n) => !owned.has(n));
  if (state.notifications.length !== before) ctx.store.changed();
  return {};
};

/**
 * All or nothing: one unknown Id fails the call with DingTalkNotExist (docs/wire-facts.md), or,
 * with the 'ignore' wire variant, makes it succeed without changing anything.
 */
const modifyStatus: RpcHandler = (params, ctx) => {
  const ids = idList(params);
  const raw = requiredText(params, 'Status');
  if (raw !== '0' && raw !== '1') throw invalidField('InvalidParam', 'Status', 'expected 0 or 1');
  const missing = firstMissing(ids, ctx);
  if (missing !== undefined) {
    ctx.variants.answerMissing('ModifyDingTalkStatus', notExistMessage(missing));
    return {};
  }
  const records = notifications(ctx).filter((n) => ids.includes(n.id));
  for (const record of records) {
    record.status = raw === '1' ? 1 : 0;
    record.gmtModified = ctx.now;
  }
  ctx.store.changed();
  return {};
};

/** Sends a test message: recorded in the state for tests to see. */
const onlineTest: RpcHandler = (params, ctx) => {
  const id = integerParam(params, 'Id', {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    prefix: 'InvalidParam',
  });
  if (id === undefined) throw missingField('Id');
  if (!notifications(ctx).some((n) => n.id === id)) {
    ctx.variants.answerMissing('DingTalkOnlineTest', notExistMessage(id));
    return {}; // success as if sent: no message is recorded
  }
  ctx.store.state.securityCenter.testMessages.push({ id, at: ctx.now });
  ctx.store.changed();
  return {};
};

export const securityCenterActions: Record<string, RpcHandler> = {
  CreateOrUpdateDingTalk: createOrUpdate,
  DescribeDingTalk: describe,
  DeleteDingTalk: remove,
  ModifyDingTalkStatus: modifyStatus,
  DingTalkOnlineTest: onlineTest,
};
