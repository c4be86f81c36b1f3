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
/** Largest page DescribeDingTalk serves. */
const MAX_PAGE_SIZE = 100;
/** Stops a paging walk against a remote whose TotalCount never converges. */
const MAX_PAGES = 1000;

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
  ): Promise<{
    items: DingTalkNotification[];
    currentPage: number;
    pageSize: number;
    totalCount: number;
  }> {
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
    return {
      items,
      currentPage: asNumber(page.CurrentPage) ?? req.currentPage ?? 1,
      pageSize: asNumber(page.PageSize) ?? req.pageSize ?? items.length,
      totalCount: asNumber(page.TotalCount) ?? items.length,
    };
  }

  /** Walks all pages and returns exact ActionName matches (the remote filter is "contains"). */
  async findDingTalkByName(region: string, name: string): Promise<DingTalkNotification[]> {
    const matches: DingTalkNotification[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await this.describeDingTalk(region, {
        ruleActionName: name,
        currentPage: page,
        pageSize: MAX_PAGE_SIZE,
      });
      matches.push(...res.items.filter((item) => item.ruleActionName === name));
      const seen = (page - 1) * MAX_PAGE_SIZE + res.items.length;
      if (res.items.length === 0 || seen >= res.totalCount) break;
    }
    return matches;
  }

  /** Unknown ids are ignored by the remote: deleting is idempotent. */
  async deleteDingTalk(region: string, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.call('DeleteDingTalk', region, { Ids: ids.join(',') }, true);
  }

  /** Fails with NOT_FOUND (`DingTalkNotExist`) for an unknown id. Enterprise edition only. */
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
    return this.rpc.callProduct(SECURITY_CENTER, action, region, params, idempotent);
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
    ...optional('aliUid', asString(raw.AliUid)),
    ...optional('gmtCreate', remoteDate(raw.GmtCreate)),
    ...optional('gmtModified', remoteDate(raw.GmtModified)),
  };
}

/** The webhook's `access_token` (and signing `secret`, if any) are credentials. */
function registerWebhookToken(sendUrl: string): void {
  registerSecret(sendUrl);
  try {
    const url = new URL(sendUrl);
    registerSecret(url.searchParams.get('access_token'));
    registerSecret(url.searchParams.get('secret'));
  } catch {
    // Not a URL: the whole value is registered above.
  }
}
