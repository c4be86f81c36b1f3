import { GONE_ANSWERS } from '../gone-answers';
import { ChatOpsError } from '../../errors';
import { registerSecret } from '../../http/redact';
import {
  JsonObject,
  asArray,
  asObject,
  asString,
  isObject,
  optional,
  remoteDate,
  stringRecord,
} from '../parse';
import { oosEndpoint } from './endpoints';
import { AlicloudRpcClient, RpcProduct } from './rpc-client';

/**
 * OOS chat configurations, API version 2019-06-01 (docs/wire-facts.md
 * section 1a). `Name` is the identity within an account and region.
 */

/** The chat types OOS knows: `DingTalk`, and `WeChat` (WeCom, the enterprise edition of WeChat). */
export const CHAT_TYPES = ['DingTalk', 'WeChat'] as const;

/**
 * `DingTalk` or `WeChat` (WeCom, the enterprise edition of WeChat).
 *
 * @inline
 */
export type ChatType = (typeof CHAT_TYPES)[number];

export interface ChatConfigurationSpec {
  regionId: string;
  name: string;
  type: ChatType;
  ramRole?: string;
  resourceGroupId?: string;
  configuration: Record<string, string>;
}

export interface ChatConfigurationStamp {
  name: string;
  createdDate?: string;
  updatedDate?: string;
}

export interface ChatConfiguration {
  name: string;
  type: ChatType;
  ramRole?: string;
  resourceGroupId?: string;
  /** Parsed JSON; secrets come back as `******`. */
  configuration: Record<string, string>;
  /** Parsed Outputs JSON: `URL`, and `AesKey` for WeCom. */
  outputs: Record<string, string>;
  createdDate?: string;
  updatedDate?: string;
}

/**
 * Every configuration of a region, walked page by page: `complete` only when the walk ended
 * on the service's own word (a page short of what was asked for, and no NextToken). A page
 * holding as many items as were asked for, or more, without a NextToken may have been cut
 * short by a cap the service does not announce: such a listing proves no absence.
 */
export interface ChatConfigurationListing {
  items: ChatConfigurationListItem[];
  complete: boolean;
  /** The RequestId of the last page, named in messages that rely on the listing. */
  requestId?: string;
}

export interface ChatConfigurationListItem {
  name: string;
  type: ChatType;
  ramRole?: string;
  outputs: Record<string, string>;
  createdDate?: string;
  updatedDate?: string;
}

const VERSION = '2019-06-01';

/**
 * MaxResults of every ListChatConfigurations page. The chat models document no range; every
 * other OOS listing documents at most 100 (`Valid values: 1 to 100` or `10 to 100`, default
 * 50, in the published `alibabacloud-oos20190601` models), so 100 is the largest value any
 * source allows. docs/wire-facts.md keeps the reasoning.
 */
export const LIST_PAGE_SIZE = 100;
/** Stops a walk against a remote that keeps handing out NextTokens. */
const MAX_LIST_PAGES = 100;

const OOS: RpcProduct = {
  endpoint: oosEndpoint,
  version: VERSION,
  operationPrefix: 'oos',
  ramPrefix: 'oos',
  goneCodes: GONE_ANSWERS.oos,
};

/** The `Configuration` keys under which OOS stores the settings of a DingTalk bot. */
export const DINGTALK_CONFIGURATION_KEYS = {
  clientId: 'DingTalkClientId',
  clientSecret: 'DingTalkClientSecret',
  templateId: 'DingTalkTemplateId',
} as const;

/**
 * `Configuration` keys whose values are credentials: `DingTalkClientSecret`, and WeCom keys,
 * which are not documented, so any key that reads like a secret (a token, a password, an AES
 * key, a signature) counts as one.
 */
export const SECRET_CONFIGURATION_KEY = /secret|token|passw(or)?d|credential|signature|aes|key/i;

export class OosClient {
  constructor(private readonly rpc: AlicloudRpcClient) {}

  /** Fails with ALREADY_EXISTS when the name is taken in the region. */
  async createChatConfiguration(spec: ChatConfigurationSpec): Promise<ChatConfigurationStamp> {
    // Not idempotent: after a lost answer a repeat would report ALREADY_EXISTS for the
    // object this very call created.
    const body = await this.call('CreateChatConfiguration', spec.regionId, specParams(spec), false);
    return stamp(body, spec.name);
  }

  /** Fails with NOT_FOUND when no configuration has this name. */
  async updateChatConfiguration(spec: ChatConfigurationSpec): Promise<ChatConfigurationStamp> {
    const body = await this.call('UpdateChatConfiguration', spec.regionId, specParams(spec), true);
    return stamp(body, spec.name);
  }

  /**
   * Fails with NOT_FOUND when the service says, in any spelling, that no configuration has
   * this name, or answers without a configuration at all. That is a claim, not a proof: the
   * caller confirms it against a complete listing (gone-proof.ts) before calling it gone.
   */
  async getChatConfiguration(key: { regionId: string; name: string }): Promise<ChatConfiguration> {
    const body = await this.call(
      'GetChatConfiguration',
      key.regionId,
      { RegionId: key.regionId, Name: key.name },
      true,
    );
    if (!isObject(body.ChatConfiguration)) {
      const requestId = asString(body.RequestId);
      throw new ChatOpsError({
        code: 'NOT_FOUND',
        message: `oos:GetChatConfiguration answered without a ChatConfiguration for ${key.name}${
          requestId ? ` (RequestId ${requestId})` : ''
        }.`,
        operation: 'oos:GetChatConfiguration',
        ...(requestId ? { requestId } : {}),
      });
    }
    const raw = body.ChatConfiguration;
    const outputs = stringRecord(raw.Outputs);
    registerOutputSecrets(outputs);
    return {
      name: asString(raw.Name) ?? key.name,
      type: chatType(raw.Type),
      ...optional('ramRole', asString(raw.RamRole)),
      ...optional('resourceGroupId', asString(raw.ResourceGroupId)),
      configuration: stringRecord(raw.Configuration),
      outputs,
      ...optional('createdDate', remoteDate(raw.CreatedDate)),
      ...optional('updatedDate', remoteDate(raw.UpdatedDate)),
    };
  }

  /** Fails with NOT_FOUND when the service claims the configuration does not exist. */
  async deleteChatConfiguration(key: { regionId: string; name: string }): Promise<void> {
    await this.call(
      'DeleteChatConfiguration',
      key.regionId,
      { RegionId: key.regionId, Name: key.name },
      true,
    );
  }

  /**
   * One page. The response model has no NextToken although the request takes one:
   * a NextToken is returned only if the service ever sends one.
   */
  async listChatConfigurations(req: {
    regionId: string;
    filters?: { name: string; value: string }[];
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ items: ChatConfigurationListItem[]; nextToken?: string; requestId?: string }> {
    const body = await this.call(
      'ListChatConfigurations',
      req.regionId,
      {
        RegionId: req.regionId,
        Filters: req.filters?.map((f) => ({ Name: f.name, Value: f.value })),
        MaxResults: req.maxResults,
        NextToken: req.nextToken,
      },
      true,
    );
    const items = asArray(body.ChatConfigurations)
      .filter(isObject)
      .map((raw): ChatConfigurationListItem => {
        const outputs = stringRecord(raw.Outputs);
        registerOutputSecrets(outputs);
        return {
          name: asString(raw.Name) ?? '',
          type: chatType(raw.Type),
          ...optional('ramRole', asString(raw.RamRole)),
          outputs,
          ...optional('createdDate', remoteDate(raw.CreatedDate)),
          ...optional('updatedDate', remoteDate(raw.UpdatedDate)),
        };
      });
    // An empty NextToken is the usual way of Alibaba Cloud APIs to say "no more pages".
    const nextToken = asString(body.NextToken) || undefined;
    return {
      items,
      ...optional('nextToken', nextToken),
      ...optional('requestId', asString(body.RequestId)),
    };
  }

  /**
   * Every configuration of a region (optionally filtered), pages of LIST_PAGE_SIZE, following
   * NextTokens; see {@link ChatConfigurationListing} for when it counts as complete.
   */
  async listAllChatConfigurations(req: {
    regionId: string;
    filters?: { name: string; value: string }[];
    /** MaxResults of each page; default LIST_PAGE_SIZE. */
    pageSize?: number;
  }): Promise<ChatConfigurationListing> {
    const pageSize = req.pageSize ?? LIST_PAGE_SIZE;
    const items: ChatConfigurationListItem[] = [];
    const seenTokens = new Set<string>();
    let nextToken: string | undefined;
    let requestId: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const result = await this.listChatConfigurations({
        regionId: req.regionId,
        ...(req.filters ? { filters: req.filters } : {}),
        maxResults: pageSize,
        ...(nextToken !== undefined ? { nextToken } : {}),
      });
      items.push(...result.items);
      requestId = result.requestId ?? requestId;
      nextToken = result.nextToken;
      if (nextToken === undefined) {
        const complete = result.items.length < pageSize;
        return { items, complete, ...optional('requestId', requestId) };
      }
      // A token seen before would walk in circles: what was read so far is not everything.
      if (seenTokens.has(nextToken)) break;
      seenTokens.add(nextToken);
    }
    return { items, complete: false, ...optional('requestId', requestId) };
  }

  private call(
    action: string,
    regionId: string,
    params: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<JsonObject> {
    // The listing names no one object: its not-found answers are no claim about one.
    const aboutOneObject = action !== 'ListChatConfigurations';
    return this.rpc.callProduct(OOS, action, regionId, params, idempotent, aboutOneObject);
  }
}

function specParams(spec: ChatConfigurationSpec): Record<string, unknown> {
  // App secrets (DingTalk, WeCom) the program declares: credentials, one set per resource.
  for (const [key, value] of Object.entries(spec.configuration)) {
    if (SECRET_CONFIGURATION_KEY.test(key)) registerSecret(value, 'credential');
  }
  return {
    RegionId: spec.regionId,
    Name: spec.name,
    Type: spec.type,
    RamRole: spec.ramRole,
    // Sent verbatim as a JSON string, as the SDK does.
    Configuration: JSON.stringify(spec.configuration),
    ResourceGroupId: spec.resourceGroupId,
  };
}

function stamp(body: JsonObject, fallbackName: string): ChatConfigurationStamp {
  const raw = asObject(body.ChatConfiguration);
  return {
    name: asString(raw.Name) ?? fallbackName,
    ...optional('createdDate', remoteDate(raw.CreatedDate)),
    ...optional('updatedDate', remoteDate(raw.UpdatedDate)),
  };
}

/** The WeCom `AesKey` output is a credential; the webhook URL carries a token in its path. */
function registerOutputSecrets(outputs: Record<string, string>): void {
  // Every listing registers these again, for every configuration of the region.
  for (const [key, value] of Object.entries(outputs)) {
    if (SECRET_CONFIGURATION_KEY.test(key)) registerSecret(value, 'object');
  }
}

/** An unexpected type is passed through, so a caller comparing it sees the drift. */
function chatType(value: unknown): ChatType {
  return (asString(value) ?? 'DingTalk') as ChatType;
}
