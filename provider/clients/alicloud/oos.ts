import { GONE_ANSWERS } from '../gone-answers';
import { isChatOpsError } from '../../errors';
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

export interface ChatConfigurationListItem {
  name: string;
  type: ChatType;
  ramRole?: string;
  outputs: Record<string, string>;
  createdDate?: string;
  updatedDate?: string;
}

const VERSION = '2019-06-01';

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

  /** `undefined` when no configuration has this name. */
  async getChatConfiguration(key: {
    regionId: string;
    name: string;
  }): Promise<ChatConfiguration | undefined> {
    let body: JsonObject;
    try {
      body = await this.call(
        'GetChatConfiguration',
        key.regionId,
        { RegionId: key.regionId, Name: key.name },
        true,
      );
    } catch (e) {
      if (isChatOpsError(e, 'NOT_FOUND')) return undefined;
      throw e;
    }
    const raw = asObject(body.ChatConfiguration);
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

  /** `false` when the configuration was already gone. */
  async deleteChatConfiguration(key: { regionId: string; name: string }): Promise<boolean> {
    try {
      await this.call(
        'DeleteChatConfiguration',
        key.regionId,
        { RegionId: key.regionId, Name: key.name },
        true,
      );
      return true;
    } catch (e) {
      if (isChatOpsError(e, 'NOT_FOUND')) return false;
      throw e;
    }
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
  }): Promise<{ items: ChatConfigurationListItem[]; nextToken?: string }> {
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
    const nextToken = asString(body.NextToken);
    return nextToken ? { items, nextToken } : { items };
  }

  private call(
    action: string,
    regionId: string,
    params: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<JsonObject> {
    return this.rpc.callProduct(OOS, action, regionId, params, idempotent);
  }
}

function specParams(spec: ChatConfigurationSpec): Record<string, unknown> {
  for (const [key, value] of Object.entries(spec.configuration)) {
    if (SECRET_CONFIGURATION_KEY.test(key)) registerSecret(value);
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
  for (const [key, value] of Object.entries(outputs)) {
    if (SECRET_CONFIGURATION_KEY.test(key)) registerSecret(value);
  }
}

/** An unexpected type is passed through, so a caller comparing it sees the drift. */
function chatType(value: unknown): ChatType {
  return (asString(value) ?? 'DingTalk') as ChatType;
}
