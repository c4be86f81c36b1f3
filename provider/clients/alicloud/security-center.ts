import { GONE_ANSWERS } from '../gone-answers';
import { registerSecret } from '../../http/redact';
import {
  JsonObject,
  asArray,
  asNumber,
  asObject,
  asString,
  idList,
  isObject,
  jsonField,
  optional,
  remoteDate,
} from '../parse';
import { securityCenterEndpoint } from './endpoints';
import { AlicloudRpcClient, RpcProduct } from './rpc-client';

/**
 * Security Center DingTalk notifications, product `sas`, API version 2018-12-03
 * (docs/wire-facts.md section 1b). Names differ between directions: sent as
 * `RuleActionName` / `SendUrl`, read back as `ActionName` / `Url`.
 */

export interface DingTalkConfigItem {
  key: string;
  values: string[];
}

/** Wire form: `{type, configItemList: [{key, valueList}]}`. */
export interface DingTalkConfig {
  type: string;
  items: DingTalkConfigItem[];
}

export interface DingTalkNotificationSpec {
  /** Present = update of that notification. */
  id?: number;
  ruleActionName: string;
  /** DingTalk robot webhook; embeds `access_token=`, a credential. */
  sendUrl: string;
  intervalTime: number;
  language: 'zh' | 'en';
  groupIds: string[];
  config: DingTalkConfig[];
}

export interface DingTalkNotification {
  id: number;
  ruleActionName: string;
  sendUrl: string;
  enabled: boolean;
  intervalTime: number;
  language: 'zh' | 'en';
  groupIds: string[];
  config: DingTalkConfig[];
  aliUid?: string;
  gmtCreate?: string;
  gmtModified?: string;
}

const VERSION = '2018-12-03';

const SECURITY_CENTER: RpcProduct = {
  endpoint: securityCenterEndpoint,
  version: VERSION,
  operationPrefix: 'sas',
  ramPrefix: 'yundun-sas',
  goneCodes: GONE_ANSWERS.securityCenter,
};
/**
 * The PageSize every DescribeDingTalk asks for: 20, the only value the API documents (its
 * default). Pages are then walked by the PageSize and TotalCount the answers give, so a
 * service that clamps or changes the size is still walked right.
 */
export const DESCRIBE_PAGE_SIZE = 20;
/** Stops a paging walk against a remote whose TotalCount never converges. */
const MAX_PAGES = 1000;

/** One DescribeDingTalk page as answered. */
export interface DingTalkPage {
  items: DingTalkNotification[];
  currentPage: number;
  /** The page size the service says it used, else the one asked for. */
  pageSize: number;
  /** Absent when the answer has none: the page then proves nothing about the rest. */
  totalCount?: number;
  requestId?: string;
}

/**
 * Every notification of a region (of a name, when filtered), walked page by page. `complete`
 * only when every page gave the same TotalCount and the walk saw that many distinct Ids: a
 * notification added or deleted during the walk shifts the pages, and a page without
 * TotalCount says nothing of the others, so either listing proves no absence.
 */
export interface DingTalkListing {
  items: DingTalkNotification[];
  complete: boolean;
  /** The RequestId of the last page read, named in messages that rely on the listing. */
  requestId?: string;
}

export class SecurityCenterClient {
  constructor(private readonly rpc: AlicloudRpcClient) {}

  /** Creates (no `id`) or updates. The response carries no Id: use findDingTalkByName. */
  async createOrUpdateDingTalk(region: string, spec: DingTalkNotificationSpec): Promise<void> {
    registerWebhookToken(spec.sendUrl);
    await this.call(
      'CreateOrUpdateDingTalk',
      region,
      {
        Id: spec.id,
        RuleActionName: spec.ruleActionName,
        SendUrl: spec.sendUrl,
        IntervalTime: spec.intervalTime,
        DingTalkLang: spec.language,
        // Both travel as JSON text, verbatim.
        GroupIdList: JSON.stringify(spec.groupIds),
        ConfigList: JSON.stringify(spec.config.map(configToWire)),
      },
      // A create repeated after a lost answer would add a second notification.
      spec.id !== undefined,
    );
  }

  async describeDingTalk(
    region: string,
    req: { ruleActionName?: string; currentPage?: number; pageSize?: number },
  ): Promise<DingTalkPage> {
    const body = await this.call(
      'DescribeDingTalk',
      region,
      {
        RuleActionName: req.ruleActionName,
        CurrentPage: req.currentPage,
        PageSize: req.pageSize,
      },
      true,
    );
    const items = asArray(body.ActionList).filter(isObject).map(notificationFromWire);
    const page = asObject(body.PageInfo);
    const answeredSize = asNumber(page.PageSize);
    return {
      items,
      currentPage: asNumber(page.CurrentPage) ?? req.currentPage ?? 1,
      pageSize:
        answeredSize !== undefined && answeredSize > 0
          ? answeredSize
          : (req.pageSize ?? DESCRIBE_PAGE_SIZE),
      ...optional('totalCount', asNumber(page.TotalCount)),
      ...optional('requestId', asString(body.RequestId)),
    };
  }

  /**
   * Walks every page of the region (of names containing `ruleActionName`, when given); see
   * {@link DingTalkListing} for when the walk is complete.
   */
  async listAllDingTalk(region: string, ruleActionName?: string): Promise<DingTalkListing> {
    const byId = new Map<number, DingTalkNotification>();
    let totalCount: number | undefined;
    let consistent = true;
    let requestId: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await this.describeDingTalk(region, {
        ...(ruleActionName !== undefined ? { ruleActionName } : {}),
        currentPage: page,
        pageSize: DESCRIBE_PAGE_SIZE,
      });
      requestId = res.requestId ?? requestId;
      for (const item of res.items) byId.set(item.id, item);
      if (res.totalCount === undefined || (page > 1 && res.totalCount !== totalCount)) {
        consistent = false;
      }
      totalCount = res.totalCount;
      const seenByPaging = (page - 1) * res.pageSize + res.items.length;
      const ended =
        res.items.length === 0 ||
        res.items.length < res.pageSize ||
        (totalCount !== undefined && seenByPaging >= totalCount);
      if (ended) {
        const complete = consistent && totalCount !== undefined && byId.size === totalCount;
        return { items: [...byId.values()], complete, ...optional('requestId', requestId) };
      }
    }
    return { items: [...byId.values()], complete: false, ...optional('requestId', requestId) };
  }

  /** Every notification whose ActionName is exactly `name` (the remote filter is "contains"). */
  async findDingTalkByName(region: string, name: string): Promise<DingTalkNotification[]> {
    const listing = await this.listAllDingTalk(region, name);
    return listing.items.filter((item) => item.ruleActionName === name);
  }

  /**
   * Unknown Ids are ignored by the remote as far as anyone has seen; a not-found answer in any
   * spelling fails with NOT_FOUND, a claim for the caller to confirm (gone-proof.ts).
   */
  async deleteDingTalk(region: string, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.call('DeleteDingTalk', region, { Ids: ids.join(',') }, true);
  }

  /**
   * Fails with NOT_FOUND when the service claims, in any spelling, that an Id does not exist: a
   * claim for the caller to confirm (gone-proof.ts). Enterprise edition only.
   */
  async modifyDingTalkStatus(region: string, ids: number[], enabled: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.call(
      'ModifyDingTalkStatus',
      region,
      { Ids: ids.join(','), Status: enabled ? 1 : 0 },
      true,
    );
  }

  /** Sends a test message: a side effect, so never repeated after an ambiguous failure. */
  async dingTalkOnlineTest(region: string, id: number): Promise<void> {
    await this.call('DingTalkOnlineTest', region, { Id: id }, false);
  }

  private call(
    action: string,
    region: string,
    params: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<JsonObject> {
    // The listing names no one object: its not-found answers are no claim about one.
    const aboutOneObject = action !== 'DescribeDingTalk';
    return this.rpc.callProduct(
      SECURITY_CENTER,
      action,
      region,
      params,
      idempotent,
      aboutOneObject,
    );
  }
}

function configToWire(config: DingTalkConfig): JsonObject {
  return {
    type: config.type,
    configItemList: config.items.map((item) => ({ key: item.key, valueList: item.values })),
  };
}

function configFromWire(value: unknown): DingTalkConfig[] {
  return asArray(jsonField(value))
    .filter(isObject)
    .map((raw) => ({
      type: asString(raw.type) ?? '',
      items: asArray(raw.configItemList)
        .filter(isObject)
        .map((item) => ({ key: asString(item.key) ?? '', values: idList(item.valueList) })),
    }));
}

function notificationFromWire(raw: JsonObject): DingTalkNotification {
  // Sent as SendUrl/RuleActionName, answered as Url/ActionName (contract/sas-2018-12-03.json).
  const sendUrl = asString(raw.Url) ?? '';
  registerWebhookToken(sendUrl);
  const language = asString(raw.DingTalkLang);
  return {
    id: asNumber(raw.Id) ?? 0,
    ruleActionName: asString(raw.ActionName) ?? '',
    sendUrl,
    enabled: asNumber(raw.Status) === 1,
    intervalTime: asNumber(raw.IntervalTime) ?? 0,
    language: language === 'en' ? 'en' : 'zh',
    groupIds: idList(raw.GroupIdList),
    config: configFromWire(raw.ConfigList),
    // A 16-digit UID may exceed what a JSON number holds exactly: such a value is left out
    // rather than compared in a rounded form.
    ...optional('aliUid', exactId(raw.AliUid)),
    ...optional('gmtCreate', remoteDate(raw.GmtCreate)),
    ...optional('gmtModified', remoteDate(raw.GmtModified)),
  };
}

function exactId(value: unknown): string | undefined {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
  return asString(value);
}

/** The webhook's `access_token` (and signing `secret`, if any) are credentials. */
function registerWebhookToken(sendUrl: string): void {
  // One per notification, registered again by every listing: the bounded, per-object kind.
  registerSecret(sendUrl, 'object');
  try {
    const url = new URL(sendUrl);
    registerSecret(url.searchParams.get('access_token'), 'object');
    registerSecret(url.searchParams.get('secret'), 'object');
  } catch {
    // Not a URL: the whole value is registered above.
  }
}
