import { ownedByCaller } from '../alicloud/account-scope';
import { invalidField, missingField } from '../alicloud/errors';
import type { RpcContext, RpcHandler } from '../alicloud/rpc-context';
import { integerParam, objectList } from '../alicloud/rpc-params';
import { randomAlphanumeric, randomHex } from '../ids';
import type { ChatConfigurationRecord, ChatType } from '../state';
import { oosDate, oosMicrosecondDate } from '../time';
import { WireError } from '../wire-error';
import {
  chatConfigurationPaging,
  decodeNextToken,
  encodeNextToken,
  MAX_RESULTS_LIMIT,
  pageSize,
} from './chat-configuration-paging';

/**
 * OOS chat configurations, API version 2019-06-01 (docs/wire-facts.md section 1a; error codes from
 * the wire decisions in docs/wire-facts.md).
 */
export const OOS_VERSION = '2019-06-01';

const CHAT_TYPES: readonly ChatType[] = ['DingTalk', 'WeChat'];
const MASK = '******';

/** Get masks secrets: the doc shows `"DingTalkClientSecret": "******"`. */
const SECRET_KEY = /secret/i;

/** The message of every "no such configuration" answer; its status and code are a wire variant. */
function notFoundMessage(name: string): string {
  return `The chat configuration ${name} does not exist.`;
}

function alreadyExists(name: string): WireError {
  return new WireError(
    400,
    'EntityAlreadyExists.ChatConfiguration',
    `The chat configuration ${name} already exists.`,
  );
}

/** The service formats its JSON strings the Python way: `{"URL": "https://..."}`. */
function pythonStyleJson(record: Record<string, string>): string {
  const body = Object.entries(record)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ');
  return `{${body}}`;
}

function regionOf(params: Record<string, string>, ctx: RpcContext): string {
  return params.RegionId || ctx.regionHint;
}

function requiredName(params: Record<string, string>): string {
  const name = params.Name;
  if (name === undefined || name === '') throw missingField('Name');
  // [inferred] Limits are undocumented; refuse what no console would accept.
  if (name.length > 200 || [...name].some((c) => c.charCodeAt(0) < 0x20)) {
    throw invalidField('InvalidParameter', 'Name', 'at most 200 printable characters');
  }
  return name;
}

function chatType(value: string | undefined, required: boolean): ChatType | undefined {
  if (value === undefined || value === '') {
    if (required) throw missingField('Type');
    return undefined;
  }
  if (!CHAT_TYPES.includes(value as ChatType)) {
    throw invalidField('InvalidParameter', 'Type', 'expected DingTalk or WeChat');
  }
  return value as ChatType;
}

function configuration(
  value: string | undefined,
  required: boolean,
): Record<string, string> | undefined {
  if (value === undefined) {
    if (required) throw missingField('Configuration');
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidField('InvalidParameter', 'Configuration', 'not a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidField('InvalidParameter', 'Configuration', 'not a JSON object');
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') {
      throw invalidField('InvalidParameter', 'Configuration', `${key} must be a string`);
    }
    out[key] = v;
  }
  return out;
}

/** The caller's account's configurations: names are unique per account and region. */
function visible(ctx: RpcContext): ChatConfigurationRecord[] {
  return ctx.store.state.oos.chatConfigurations.filter((c) => ownedByCaller(c, ctx));
}

function find(ctx: RpcContext, regionId: string, name: string) {
  return visible(ctx).find((c) => c.regionId === regionId && c.name === name);
}

function outputsFor(type: ChatType, accountId: string): Record<string, string> {
  const outputs: Record<string, string> = {
    URL: `https://${accountId}.appflow.aliyunnest.com/webhook/${randomHex(16)}`,
  };
  // A WeCom callback needs an EncodingAESKey: 43 letters and digits.
  if (type === 'WeChat') outputs.AesKey = randomAlphanumeric(43);
  return outputs;
}

const create: RpcHandler = (params, ctx) => {
  const regionId = regionOf(params, ctx);
  const name = requiredName(params);
  const type = chatType(params.Type, true)!;
  const config = configuration(params.Configuration, true)!;
  if (find(ctx, regionId, name)) throw alreadyExists(name);
  const record: ChatConfigurationRecord = {
    accountId: ctx.accountId,
    regionId,
    name,
    type,
    configuration: config,
    outputs: outputsFor(type, ctx.accountId),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (params.RamRole) record.ramRole = params.RamRole;
  if (params.ResourceGroupId) record.resourceGroupId = params.ResourceGroupId;
  ctx.store.state.oos.chatConfigurations.push(record);
  ctx.store.changed();
  // Create answers only the name and dates: no Outputs (docs/wire-facts.md 1a).
  return {
    ChatConfiguration: {
      Name: name,
      CreatedDate: oosDate(record.createdAt),
      UpdatedDate: oosDate(record.updatedAt),
    },
  };
};

const update: RpcHandler = (params, ctx) => {
  const regionId = regionOf(params, ctx);
  const name = requiredName(params);
  const type = chatType(params.Type, false);
  const config = configuration(params.Configuration, false);
  const record = find(ctx, regionId, name);
  if (!record) {
    ctx.variants.answerMissing('UpdateChatConfiguration', notFoundMessage(name));
    // Success as if done: the answer of an update, nothing stored.
    return {
      ChatConfiguration: {
        Name: name,
        CreatedDate: oosDate(ctx.now),
        UpdatedDate: oosMicrosecondDate(ctx.now),
      },
    };
  }
  if (type) record.type = type;
  if (config) record.configuration = config;
  if (params.RamRole !== undefined) record.ramRole = params.RamRole || undefined;
  if (params.ResourceGroupId !== undefined) {
    record.resourceGroupId = params.ResourceGroupId || undefined;
  }
  if (record.type === 'WeChat' && !record.outputs.AesKey) {
    record.outputs.AesKey = randomAlphanumeric(43);
  }
  record.updatedAt = ctx.now;
  ctx.store.changed();
  return {
    ChatConfiguration: {
      Name: name,
      CreatedDate: oosDate(record.createdAt),
      // The second documented date shape (microseconds, no offset).
      UpdatedDate: oosMicrosecondDate(record.updatedAt),
    },
  };
};

function masked(configuration: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(configuration).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : v]),
  );
}

const get: RpcHandler = (params, ctx) => {
  const name = requiredName(params);
  const record = find(ctx, regionOf(params, ctx), name);
  if (!record) {
    // Only a RequestId: a 200 that carries no configuration, for clients to read as absent.
    if (ctx.variants.current.getChatConfigurationEmptyWhenMissing) return {};
    ctx.variants.answerMissing('GetChatConfiguration', notFoundMessage(name));
    return {};
  }
  const item: Record<string, unknown> = { Name: record.name, Type: record.type };
  if (record.ramRole !== undefined) item.RamRole = record.ramRole;
  item.Configuration = pythonStyleJson(masked(record.configuration));
  if (record.resourceGroupId !== undefined) item.ResourceGroupId = record.resourceGroupId;
  item.CreatedDate = oosDate(record.createdAt);
  item.UpdatedDate = oosDate(record.updatedAt);
  item.Outputs = pythonStyleJson(record.outputs);
  return { ChatConfiguration: item };
};

const remove: RpcHandler = (params, ctx) => {
  const regionId = regionOf(params, ctx);
  const name = requiredName(params);
  const record = find(ctx, regionId, name);
  if (!record) {
    ctx.variants.answerMissing('DeleteChatConfiguration', notFoundMessage(name));
    return { Content: `The chat configuration ${name} has been deleted.` };
  }
  const list = ctx.store.state.oos.chatConfigurations;
  list.splice(list.indexOf(record), 1);
  ctx.store.changed();
  return { Content: `The chat configuration ${name} has been deleted.` };
};

/** [inferred] Filter names are undocumented: Name (contains), Type and RamRole (equal). */
function matches(record: ChatConfigurationRecord, filter: Record<string, string>): boolean {
  const value = filter.Value ?? '';
  switch ((filter.Name ?? '').toLowerCase()) {
    case 'name':
      return record.name.includes(value);
    case 'type':
      return record.type.toLowerCase() === value.toLowerCase();
    case 'ramrole':
      return (record.ramRole ?? '') === value;
    default:
      return true; // unknown filter names (the doc's "status") select everything
  }
}

const list: RpcHandler = (params, ctx) => {
  const regionId = regionOf(params, ctx);
  const filters = objectList(params, 'Filters');
  const maxResults = integerParam(params, 'MaxResults', {
    min: 1,
    max: MAX_RESULTS_LIMIT,
    prefix: 'InvalidParameter',
  });
  const selected = visible(ctx)
    .filter((c) => c.regionId === regionId)
    .filter((c) => filters.every((f) => matches(c, f)));
  const toItem = (c: ChatConfigurationRecord) => {
    // List items carry no Configuration and no ResourceGroupId (docs/wire-facts.md 1a).
    const item: Record<string, unknown> = { Name: c.name, Type: c.type };
    if (c.ramRole !== undefined) item.RamRole = c.ramRole;
    item.Outputs = pythonStyleJson(c.outputs);
    item.CreatedDate = oosDate(c.createdAt);
    item.UpdatedDate = oosDate(c.updatedAt);
    return item;
  };
  const paging = chatConfigurationPaging(ctx.variants.current, ctx.options.oosListPaging);
  if (!paging) {
    return { ChatConfigurations: selected.map(toItem) };
  }
  const start = params.NextToken ? decodeNextToken(params.NextToken) : 0;
  const size = pageSize(paging, maxResults);
  const page = selected.slice(start, start + size);
  const body: Record<string, unknown> = { ChatConfigurations: page.map(toItem) };
  if (paging.nextToken && start + size < selected.length) {
    body.NextToken = encodeNextToken(start + size);
  }
  return body;
};

export const oosActions: Record<string, RpcHandler> = {
  CreateChatConfiguration: create,
  UpdateChatConfiguration: update,
  GetChatConfiguration: get,
  DeleteChatConfiguration: remove,
  ListChatConfigurations: list,
};
