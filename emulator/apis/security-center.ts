import { ownedByCaller } from '../alicloud/account-scope';
import { invalidField, missingField } from '../alicloud/errors';
import type { RpcContext, RpcHandler } from '../alicloud/rpc-context';
import { integerParam } from '../alicloud/rpc-params';
import type { DingTalkNotificationRecord } from '../state';
import { WireError } from '../wire-error';

/**
 * Security Center DingTalk notifications, product `sas`, API version 2018-12-03
 * (docs/wire-facts.md section 1b; unknown-Id and validation codes from docs/wire-facts.md).
 */
export const SAS_VERSION = '2018-12-03';

const LANGUAGES = ['zh', 'en'];

function notExist(id: number): WireError {
  return new WireError(400, 'DingTalkNotExist', `The DingTalk notification ${id} does not exist.`);
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
    if (!record) throw notExist(id);
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

const describe: RpcHandler = (params, ctx) => {
  const currentPage =
    integerParam(params, 'CurrentPage', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      prefix: 'InvalidParam',
    }) ?? 1;
  const pageSize =
    integerParam(params, 'PageSize', { min: 1, max: 100, prefix: 'InvalidParam' }) ?? 20;
  const filter = params.RuleActionName ?? '';
  const selected = notifications(ctx).filter((n) => n.ruleActionName.includes(filter));
  const page = selected.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  const aliUid = Number(ctx.accountId);
  return {
    PageInfo: { CurrentPage: currentPage, PageSize: pageSize, TotalCount: selected.length },
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

/** Unknown Ids are ignored: deleting is idempotent (docs/wire-facts.md). */
const remove: RpcHandler = (params, ctx) => {
  const ids = new Set(idList(params));
  const owned = new Set(notifications(ctx).filter((n) => ids.has(n.id)));
  const state = ctx.store.state.securityCenter;
  const before = state.notifications.length;
  state.notifications = state.notifications.filter((n) => !owned.has(n));
  if (state.notifications.length !== before) ctx.store.changed();
  return {};
};

/** All or nothing: one unknown Id fails the call with DingTalkNotExist (docs/wire-facts.md). */
const modifyStatus: RpcHandler = (params, ctx) => {
  const ids = idList(params);
  const raw = requiredText(params, 'Status');
  if (raw !== '0' && raw !== '1') throw invalidField('InvalidParam', 'Status', 'expected 0 or 1');
  const records = ids.map((id) => {
    const record = notifications(ctx).find((n) => n.id === id);
    if (!record) throw notExist(id);
    return record;
  });
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
  if (!notifications(ctx).some((n) => n.id === id)) throw notExist(id);
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
