import { ChatOpsError, ErrorCode } from '../../errors';
import { parseRetryAfter } from '../../http/backoff';
import { HttpResponse } from '../../http/transport';
import { NO_GONE_ANSWERS } from '../gone-answers';
import { asNumber, asString, isObject, tryParseJson } from '../parse';

/**
 * DingTalk errors (docs/wire-facts.md section 2). New API: HTTP 4xx/5xx with
 * `{code, message, requestid}`. Old API: usually HTTP 200 with `{errcode, errmsg}`.
 * A banned IP gets a non-JSON page instead of either.
 */

export interface DingTalkErrorContext {
  operation: string;
  /** DingTalk permission point to grant when the call is denied. */
  permission?: string;
  nowMs: number;
  /** The codes (old API: errcodes as text) that mean "this object does not exist". */
  goneCodes?: ReadonlySet<string>;
}

interface Classification {
  code: ErrorCode;
  retryable: boolean;
  notProcessed?: boolean;
}

/** Token expired or invalid: the caller refetches the token once and retries once. */
const TOKEN_REJECTED_NEW = new Set(['InvalidAuthentication']);
const TOKEN_REJECTED_OLD = new Set([40014, 42001, 88]);

/** True for an error that means "this access token is no longer accepted". */
export function isTokenRejection(e: unknown): boolean {
  if (!(e instanceof ChatOpsError) || e.code !== 'AUTH_FAILED') return false;
  const remote = e.remoteCode ?? '';
  return (
    TOKEN_REJECTED_NEW.has(remote) ||
    TOKEN_REJECTED_OLD.has(Number(remote)) ||
    (e.httpStatus === 401 && remote === '')
  );
}

/**
 * A server-side failure (HTTP 5xx), whatever the body says: worth retrying, as for Alibaba
 * Cloud. 503 means the service was unable to handle the request (RFC 9110 section 15.6.4),
 * so it did not act and even a create may be repeated; after any other 5xx (`system.error`
 * 500, a gateway's 502/504) the call may have taken effect, so only idempotent calls are.
 */
function serverFailure(status: number): Classification {
  return { code: 'REMOTE_UNAVAILABLE', retryable: true, notProcessed: status === 503 };
}

/**
 * New API: classification by HTTP status and `code`; exported for the per-code tests. Only the
 * exact `goneCodes` of the call become NOT_FOUND (gone-answers.ts).
 */
export function classifyNewApiError(
  remoteCode: string,
  status: number,
  goneCodes: ReadonlySet<string> = NO_GONE_ANSWERS,
): Classification {
  // 403 `Forbidden.AccessDenied.QpsLimitForApi` and friends; the vendor backs off.
  if (/QpsLimit/i.test(remoteCode))
    return { code: 'THROTTLED', retryable: true, notProcessed: true };
  // Monthly quota of metered calls: retrying only spends more of it.
  if (/ApiCountLimitForOrg/i.test(remoteCode)) return { code: 'QUOTA_EXCEEDED', retryable: false };
  if (status >= 500) return serverFailure(status);
  if (TOKEN_REJECTED_NEW.has(remoteCode) || status === 401) {
    return { code: 'AUTH_FAILED', retryable: false };
  }
  if (goneCodes.has(remoteCode)) return { code: 'NOT_FOUND', retryable: false };
  // 404 `InvalidAction.NotFound`: a wrong path or method; says nothing about any object.
  if (status === 404 || /^InvalidAction\.NotFound$/i.test(remoteCode)) {
    return { code: 'API_UNAVAILABLE', retryable: false };
  }
  if (/exceededMaximumLimit|LimitExceed/i.test(remoteCode)) {
    return { code: 'LIMIT_EXCEEDED', retryable: false };
  }
  if (status === 403 || /^Forbidden/i.test(remoteCode)) {
    return { code: 'PERMISSION_DENIED', retryable: false };
  }
  if (status < 500 && (status === 400 || /^(param\.|invalidRequest\.)/i.test(remoteCode))) {
    return { code: 'INVALID_INPUT', retryable: false };
  }
  return { code: 'REMOTE_ERROR', retryable: false };
}

/**
 * Old API: classification by `errcode` (and `sub_code` for errcode 88); exported for the
 * per-code tests. Only the exact `goneCodes` of the call become NOT_FOUND (gone-answers.ts).
 */
export function classifyOldApiError(
  errcode: number,
  subCode?: string,
  goneCodes: ReadonlySet<string> = NO_GONE_ANSWERS,
): Classification {
  if (goneCodes.has(String(errcode))) return { code: 'NOT_FOUND', retryable: false };
  switch (errcode) {
    case 90002: // global per-API limit
    case 90018: // per-app QPS
    case 90019: // per app per organisation (third-party apps)
      return { code: 'THROTTLED', retryable: true, notProcessed: true };
    case 90020: // monthly quota of metered calls
      return { code: 'QUOTA_EXCEEDED', retryable: false };
    case 40014:
    case 42001:
      return { code: 'AUTH_FAILED', retryable: false };
    case 88:
      return classifyErrcode88(subCode);
    case 404: // "请求的URI地址不存在": a wrong path, not a missing object
      return { code: 'API_UNAVAILABLE', retryable: false };
    case 34014: // more than 40 users in one call, or 1000 in a group
      return { code: 'LIMIT_EXCEEDED', retryable: false };
    case 40035: // invalid parameter
    case 60121: // unknown user
    case 34009: // owner not a member
      return { code: 'INVALID_INPUT', retryable: false };
    case 60011:
      return { code: 'PERMISSION_DENIED', retryable: false };
    default:
      return { code: 'REMOTE_ERROR', retryable: false };
  }
}

/**
 * errcode 88 is "鉴权异常" (authentication error) and carries its cause in `sub_code`
 * (DingTalk global error codes: "关注返回结果里的sub_code和sub_msg"). `60011` is "没有调用该接口的
 * 权限": the app lacks the API's permission point, which a new token does not fix. Any other
 * sub_code, or none, is taken as a rejected token (refetched once, see isTokenRejection).
 */
function classifyErrcode88(subCode: string | undefined): Classification {
  if (subCode !== undefined && PERMISSION_SUB_CODES.has(subCode)) {
    return { code: 'PERMISSION_DENIED', retryable: false };
  }
  return { code: 'AUTH_FAILED', retryable: false };
}

const PERMISSION_SUB_CODES = new Set(['60011']);

/**
 * errcodes that name a chat id the service does not accept without saying that the group is
 * gone (34001 "无效的会话id", 34002 "无效的会话消息的发送者"): they fail, and the message says how to
 * drop a group that really is gone.
 */
const UNCERTAIN_CHAT_ERRCODES = new Set([34001, 34002]);

/** Error for a new-API answer that is not 2xx. */
export function newApiError(res: HttpResponse, ctx: DingTalkErrorContext): ChatOpsError {
  const parsed = tryParseJson(res.body);
  if (!isObject(parsed)) return nonJsonError(res, ctx);
  const remoteCode = asString(parsed.code ?? parsed.Code) ?? '';
  const remoteMessage = asString(parsed.message ?? parsed.Message);
  const requestId = asString(parsed.requestid ?? parsed.requestId ?? parsed.RequestId);
  const c = classifyNewApiError(remoteCode, res.status, ctx.goneCodes);
  return build(c, ctx, {
    summary: `HTTP ${res.status}${remoteCode ? ` ${remoteCode}` : ''}${remoteMessage ? `: ${remoteMessage}` : ''}`,
    remoteCode: remoteCode || undefined,
    requestId,
    httpStatus: res.status,
    retryAfterMs: parseRetryAfter(res.headers, ctx.nowMs),
  });
}

/** Error for an old-API answer with a non-zero `errcode`. */
export function oldApiError(
  res: HttpResponse,
  body: Record<string, unknown>,
  ctx: DingTalkErrorContext,
): ChatOpsError {
  const errcode = asNumber(body.errcode) ?? -1;
  const errmsg = asString(body.errmsg);
  const subCode = asString(body.sub_code);
  // The old API reports errors with HTTP 200; a 5xx comes from the service failing.
  const c =
    res.status >= 500
      ? serverFailure(res.status)
      : classifyOldApiError(errcode, subCode, ctx.goneCodes);
  const uncertainChat = UNCERTAIN_CHAT_ERRCODES.has(errcode)
    ? ' DingTalk does not say that the group is gone: if it really is (deleted in DingTalk), drop it from the stack with `pulumi state delete <urn>`.'
    : '';
  return build(c, ctx, {
    extraAdvice: uncertainChat,
    summary: `errcode ${errcode}${subCode ? ` (sub_code ${subCode})` : ''}${errmsg ? `: ${errmsg}` : ''}`,
    remoteCode: String(errcode),
    requestId: asString(body.request_id ?? body.requestId),
    httpStatus: res.status,
    retryAfterMs: parseRetryAfter(res.headers, ctx.nowMs),
  });
}

/**
 * A body that is not JSON. DingTalk answers an IP ban (more than 10,000 calls in 20 s,
 * five minutes) with such a page instead of an errcode; a 5xx page comes from a gateway.
 * Both are retried.
 */
export function nonJsonError(res: HttpResponse, ctx: DingTalkErrorContext): ChatOpsError {
  if (res.status >= 500) {
    return build(serverFailure(res.status), ctx, {
      summary: `HTTP ${res.status} with a non-JSON page`,
      httpStatus: res.status,
      retryAfterMs: parseRetryAfter(res.headers, ctx.nowMs),
    });
  }
  return build({ code: 'BANNED', retryable: true, notProcessed: true }, ctx, {
    summary: `HTTP ${res.status} with a non-JSON page, which is how DingTalk answers a banned IP`,
    httpStatus: res.status,
    retryAfterMs: parseRetryAfter(res.headers, ctx.nowMs),
  });
}

function build(
  c: Classification,
  ctx: DingTalkErrorContext,
  detail: {
    summary: string;
    /** Said after the advice of the error code. */
    extraAdvice?: string;
    remoteCode?: string;
    requestId?: string;
    httpStatus?: number;
    retryAfterMs?: number;
  },
): ChatOpsError {
  return new ChatOpsError({
    code: c.code,
    message: `${ctx.operation} failed: ${detail.summary}${detail.requestId ? ` (requestid ${detail.requestId})` : ''}. ${advice(c.code, ctx)}${detail.extraAdvice ?? ''}`,
    remoteCode: detail.remoteCode,
    requestId: detail.requestId,
    retryable: c.retryable,
    notProcessed: c.notProcessed,
    operation: ctx.operation,
    httpStatus: detail.httpStatus,
    retryAfterMs: detail.retryAfterMs,
  });
}

function advice(code: ErrorCode, ctx: DingTalkErrorContext): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'Check dingtalk:clientId / DINGTALK_CLIENT_ID and dingtalk:clientSecret / DINGTALK_CLIENT_SECRET.';
    case 'PERMISSION_DENIED':
      return ctx.permission
        ? `Grant the permission ${ctx.permission} to the DingTalk application.`
        : 'Grant the DingTalk application the permission this API needs.';
    case 'THROTTLED':
      return 'DingTalk is rate limiting this application: lower dingtalkRatePerSecond or the parallelism.';
    case 'QUOTA_EXCEEDED':
      return "The organisation's monthly DingTalk API quota is spent: wait for the next month or upgrade the plan.";
    case 'BANNED':
      return 'This IP sent too many calls and is banned for about five minutes: wait and retry.';
    case 'NOT_FOUND':
      return 'The object does not exist (any more).';
    case 'API_UNAVAILABLE':
      return 'DingTalk does not offer this API at this address: check chatops:dingtalkApiEndpoint / DINGTALK_API_ENDPOINT and chatops:dingtalkOapiEndpoint / DINGTALK_OAPI_ENDPOINT. Nothing was changed in the stack.';
    case 'LIMIT_EXCEEDED':
      return 'A DingTalk limit was reached (at most 40 users per call and 1000 per group).';
    case 'INVALID_INPUT':
      return 'Correct the named parameter.';
    case 'REMOTE_UNAVAILABLE':
      return 'DingTalk is unavailable: retry later.';
    default:
      return 'See the remote code and message; nothing was changed in the stack.';
  }
}
