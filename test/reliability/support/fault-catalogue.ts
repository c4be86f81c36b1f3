import type { ApiFamily, FaultRuleInput } from '../../../emulator';

/**
 * The faults of the matrix, each written in the wire form of every API family it applies
 * to, and the calls that carry each engine operation. One scenario applies one fault kind to
 * the calls of one operation in all four families at once.
 */
export const OPERATIONS = ['create', 'update', 'read', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const FAULT_KINDS = [
  'throttling',
  '5xx burst',
  'connection reset',
  'timeout',
  'token expiry',
  'commit-then-drop',
  'ban page',
  'permanent error',
  'API not offered',
  'look-alike not-found',
] as const;
export type FaultKindName = (typeof FAULT_KINDS)[number];

/**
 * Faults no retry can help with: each stops a resource at its first call, the operation
 * fails, and the stack must keep every resource (none of these says an object is gone).
 */
export const STOPPING_FAULTS: ReadonlySet<FaultKindName> = new Set([
  'permanent error',
  'API not offered',
  'look-alike not-found',
]);

type ResourceFamily = Exclude<ApiFamily, 'dingtalk-tokens'>;

interface Call {
  family: ResourceFamily;
  action: string;
}

/** The remote calls that carry each operation of each resource (docs/wire-facts.md). */
export const OPERATION_CALLS: Record<Operation, Call[]> = {
  create: [
    { family: 'oos', action: 'CreateChatConfiguration' },
    { family: 'security-center', action: 'CreateOrUpdateDingTalk' },
    { family: 'robot-plugins', action: 'robot/plugins/set' },
    { family: 'group-chats', action: 'chat/create' },
  ],
  update: [
    { family: 'oos', action: 'UpdateChatConfiguration' },
    { family: 'security-center', action: 'CreateOrUpdateDingTalk' },
    { family: 'security-center', action: 'ModifyDingTalkStatus' },
    { family: 'robot-plugins', action: 'robot/plugins/set' },
    { family: 'group-chats', action: 'chat/update' },
  ],
  read: [
    // Reads list; a configuration whose stamp moved also gets a GetChatConfiguration.
    { family: 'oos', action: 'ListChatConfigurations' },
    { family: 'security-center', action: 'DescribeDingTalk' },
    { family: 'robot-plugins', action: 'robot/plugins/query' },
    { family: 'group-chats', action: 'chat/get' },
  ],
  delete: [
    { family: 'oos', action: 'DeleteChatConfiguration' },
    { family: 'security-center', action: 'DeleteDingTalk' },
    { family: 'robot-plugins', action: 'robot/plugins/clear' },
    // `deletionPolicy: removeMembers`: DingTalk cannot dismiss a group, so delete empties it.
    { family: 'group-chats', action: 'chat/update' },
  ],
};

/** The request timeout the matrix stacks use, so a "timeout" costs seconds, not minutes. */
export const MATRIX_REQUEST_TIMEOUT_MS = 1500;
/** Longer than the request timeout: the client gives up, the remote still answers later. */
const SLOW_ANSWER_MS = 2000;

const DINGTALK_FAMILIES: ReadonlySet<ResourceFamily> = new Set(['robot-plugins', 'group-chats']);

type RuleBody = Omit<FaultRuleInput, 'family' | 'action' | 'path'>;

/**
 * The fault as each family's service would send it, or undefined where the fault does not
 * exist for that family.
 */
function ruleFor(kind: FaultKindName, family: ResourceFamily): RuleBody | undefined {
  const alicloud = !DINGTALK_FAMILIES.has(family);
  switch (kind) {
    case 'throttling':
      // Alibaba Cloud: Throttling.User; DingTalk new API: 403 QpsLimit; old API: errcode 90018.
      if (alicloud) return { kind: 'error', status: 400, code: 'Throttling.User', times: 3 };
      return family === 'robot-plugins'
        ? { kind: 'error', status: 403, code: 'Forbidden.AccessDenied.QpsLimitForApi', times: 3 }
        : { kind: 'error', status: 200, code: '90018', times: 3 };
    case '5xx burst':
      return { kind: 'error', status: 503, code: 'ServiceUnavailable', times: 3 };
    case 'connection reset':
      return { kind: 'reset', times: 1 };
    case 'timeout':
      return { kind: 'delay', delayMs: SLOW_ANSWER_MS, times: 1 };
    case 'token expiry':
      // Only DingTalk has access tokens; Alibaba Cloud signs every request with the key.
      return alicloud ? undefined : { kind: 'expire-tokens', times: 1 };
    case 'commit-then-drop':
      return { kind: 'commit-then-drop', times: 1 };
    case 'ban page':
      // DingTalk's answer to an IP that called too often (docs/wire-facts.md 2d); Alibaba
      // Cloud answers throttling with a Throttling code instead, covered above.
      return alicloud ? undefined : { kind: 'ban-page', times: 2 };
    case 'permanent error':
      // A permission missing: no retry can help, the user has to act. No `times`: it stays.
      if (family === 'oos') return { kind: 'error', status: 403, code: 'Forbidden.RAM' };
      if (family === 'security-center') return { kind: 'error', status: 403, code: 'NoPermission' };
      if (family === 'robot-plugins') {
        return {
          kind: 'error',
          status: 403,
          code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
        };
      }
      // errcode 88 carries its cause in sub_code: 60011, the app lacks the permission point.
      return {
        kind: 'error',
        status: 200,
        code: '88',
        subCode: '60011',
        message: '没有调用该接口的权限',
      };
    case 'API not offered':
      // The product is not offered (or not activated) where it was called, or a wrong path.
      if (alicloud) return { kind: 'error', status: 404, code: 'InvalidApi.NotFound' };
      return family === 'robot-plugins'
        ? { kind: 'error', status: 404, code: 'InvalidAction.NotFound' }
        : { kind: 'error', status: 404, code: '404', message: '请求的URI地址不存在' };
    case 'look-alike not-found':
      // Codes that name a "not found" of something other than the object (a product, a
      // user), or a chat id DingTalk does not accept without saying the group is gone.
      if (alicloud) return { kind: 'error', status: 404, code: 'InvalidProduct.NotFound' };
      return family === 'robot-plugins'
        ? { kind: 'error', status: 400, code: 'invalidRequest.userNotExist' }
        : { kind: 'error', status: 200, code: '34002', message: '无效的会话消息的发送者' };
  }
}

/**
 * Where the one token expiry of a run strikes. Both DingTalk APIs share the app's token, so
 * an expiry is one event for the whole app: the call that meets it, and any other call in
 * flight with the same token, are refused, refetch the token and retry. Two expiries
 * milliseconds apart cannot happen with 7200 s tokens, so a run gets one, alternating
 * between the new API (robot plugins) and the old API (group chats) across operations.
 */
const TOKEN_EXPIRY_FAMILY: Record<Operation, ResourceFamily> = {
  create: 'robot-plugins',
  update: 'group-chats',
  read: 'robot-plugins',
  delete: 'group-chats',
};

/**
 * The emulator fault rules of one scenario. A stopping fault stops a resource at its first
 * call, so it is armed on the first call of each family only (a rule on a later call of the
 * same resource could never be reached).
 */
export function faultRules(operation: Operation, kind: FaultKindName): FaultRuleInput[] {
  const rules: FaultRuleInput[] = [];
  const armed = new Set<ResourceFamily>();
  for (const call of OPERATION_CALLS[operation]) {
    if (STOPPING_FAULTS.has(kind) && armed.has(call.family)) continue;
    if (kind === 'token expiry' && call.family !== TOKEN_EXPIRY_FAMILY[operation]) continue;
    const body = ruleFor(kind, call.family);
    if (body) rules.push({ family: call.family, action: call.action, ...body });
    armed.add(call.family);
  }
  if (STOPPING_FAULTS.has(kind)) {
    for (const call of FALLBACK_CALLS[operation] ?? []) {
      const body = ruleFor(kind, call.family);
      if (body) rules.push({ family: call.family, action: call.action, ...body });
    }
  }
  return rules;
}

/**
 * Calls an operation falls back to when the call that carries it keeps failing: a
 * ChatConfiguration read whose listing failed reads alone with a Get. A stopping fault is
 * armed there too, or the fallback would answer instead.
 */
const FALLBACK_CALLS: Partial<Record<Operation, Call[]>> = {
  read: [{ family: 'oos', action: 'GetChatConfiguration' }],
};

/**
 * The words a user must see when a stopping fault stops an operation: for a missing
 * permission, what to grant; for the others, the vendor's code (every rule's code appears).
 */
export function stoppingFaultWords(operation: Operation, kind: FaultKindName): RegExp[] {
  if (kind === 'permanent error') return PERMANENT_ERROR_ADVICE[operation];
  return faultRules(operation, kind).map((rule) =>
    /^\d+$/.test(rule.code ?? '')
      ? new RegExp(`errcode ${rule.code}\\b`)
      : new RegExp(escapeRegExp(rule.code ?? '')),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PERMANENT_ERROR_ADVICE: Record<Operation, RegExp[]> = {
  create: [
    /oos:CreateChatConfiguration/,
    /yundun-sas:CreateOrUpdateDingTalk/,
    /Robot\.SingleChat\.ReadWrite/,
    /dingtalk:chat\/create failed: errcode 88 \(sub_code 60011\)[^]*qyapi_chat_manage/,
  ],
  update: [
    /oos:UpdateChatConfiguration/,
    /yundun-sas:CreateOrUpdateDingTalk/,
    /Robot\.SingleChat\.ReadWrite/,
    /dingtalk:chat\/update failed: errcode 88 \(sub_code 60011\)[^]*qyapi_chat_manage/,
  ],
  read: [
    /oos:GetChatConfiguration/,
    /yundun-sas:DescribeDingTalk/,
    /Robot\.SingleChat\.ReadWrite/,
    /dingtalk:chat\/get failed: errcode 88 \(sub_code 60011\)[^]*qyapi_chat_manage/,
  ],
  delete: [
    /oos:DeleteChatConfiguration/,
    /yundun-sas:DeleteDingTalk/,
    /Robot\.SingleChat\.ReadWrite/,
    /dingtalk:chat\/update failed: errcode 88 \(sub_code 60011\)[^]*qyapi_chat_manage/,
  ],
};
