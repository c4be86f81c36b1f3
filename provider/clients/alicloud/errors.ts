import { ChatOpsError, ErrorCode } from '../../errors';
import { parseRetryAfter } from '../../http/backoff';
import { HttpResponse } from '../../http/transport';
import { NO_GONE_ANSWERS } from '../gone-answers';
import { asString, isObject, tryParseJson } from '../parse';

/**
 * Alibaba Cloud RPC errors: HTTP 4xx/5xx with `{Code, Message, RequestId, HostId,
 * Recommend}` (docs/wire-facts.md section 1, and the wire decisions of the
 * internal contracts for OOS and Security Center).
 */

export interface AlicloudErrorContext {
  operation: string;
  /** RAM action to grant when the call is denied, e.g. `oos:GetChatConfiguration`. */
  ramAction: string;
  /** Wall clock now, for `Retry-After` given as a date. */
  nowMs: number;
  /** The codes that mean "this object does not exist" for this call (gone-answers.ts). */
  goneCodes?: ReadonlySet<string>;
}

interface Classification {
  code: ErrorCode;
  retryable: boolean;
  /** The remote refused before acting: safe to repeat even a create. */
  notProcessed?: boolean;
}

/**
 * The API itself is not there: the product is not offered or not activated in that region,
 * the endpoint or the version is wrong. Says nothing about any object.
 */
const API_ABSENT = /^(InvalidApi|InvalidProduct|InvalidAction|InvalidVersion)\.NotFound$/i;

/**
 * A not-found answer in any spelling: HTTP 404, or a code naming a missing entity
 * (`EntityNotExists.*`, `DataNotExist(s)`, `<Thing>NotExist`, `*NotFound*`, `InvalidId`).
 * No source publishes the codes of the objects this package manages (docs/wire-facts.md),
 * so every spelling is taken as a claim; API_ABSENT is tested before this.
 */
const NOT_FOUND_SPELLING = /NotExist|NotFound|^InvalidId(\.|$)/i;

function looksNotFound(code: string, status: number): boolean {
  return status === 404 || NOT_FOUND_SPELLING.test(code);
}

/**
 * Maps a remote code and HTTP status to our code; exported for the per-code tests. For calls
 * about an object (those given `goneCodes`), a code of the table or any not-found spelling
 * becomes NOT_FOUND: a claim that the object does not exist, which the resource confirms
 * against a complete listing before it believes it (resources/shared/gone-proof.ts). Other
 * calls never answer NOT_FOUND.
 */
export function classifyAlicloudError(
  remoteCode: string,
  status: number,
  goneCodes: ReadonlySet<string> = NO_GONE_ANSWERS,
): Classification {
  const code = remoteCode;
  // Throttling first: `Throttling`, `Throttling.User`, `Throttling.Api`, any status.
  if (/throttling/i.test(code)) return { code: 'THROTTLED', retryable: true, notProcessed: true };
  if (
    /^(SignatureDoesNotMatch|InvalidAccessKeyId|IncompleteSignature|InvalidSecurityToken|InvalidTimeStamp|SignatureNonceUsed|InvalidApi\.NotPurchase|AuthenticationFail)/i.test(
      code,
    )
  ) {
    return { code: 'AUTH_FAILED', retryable: false };
  }
  if (/^(Forbidden|NoPermission)/i.test(code))
    return { code: 'PERMISSION_DENIED', retryable: false };
  if (API_ABSENT.test(code)) return { code: 'API_UNAVAILABLE', retryable: false };
  if (goneCodes !== NO_GONE_ANSWERS && (goneCodes.has(code) || looksNotFound(code, status))) {
    return { code: 'NOT_FOUND', retryable: false };
  }
  // `EntityAlreadyExists.*`, `AlreadyExists`, `NameAlreadyExist`...
  if (/AlreadyExist/i.test(code)) {
    return { code: 'ALREADY_EXISTS', retryable: false };
  }
  if (/^(InvalidParam|MissingParam|IllegalParam)/i.test(code)) {
    return { code: 'INVALID_INPUT', retryable: false };
  }
  if (/(QuotaExceed|LimitExceed)/i.test(code)) return { code: 'LIMIT_EXCEEDED', retryable: false };
  // 503: the service was unable to handle the request (RFC 9110 section 15.6.4), so it
  // did not act, whatever the body (a gateway's page carries no code).
  if (/^ServiceUnavailable/i.test(code) || status === 503) {
    return { code: 'REMOTE_UNAVAILABLE', retryable: true, notProcessed: true };
  }
  if (/^(InternalError|ServerError|UnknownError)/i.test(code) || status >= 500) {
    return { code: 'REMOTE_UNAVAILABLE', retryable: true };
  }
  if (status === 429) return { code: 'THROTTLED', retryable: true, notProcessed: true };
  return { code: 'REMOTE_ERROR', retryable: false };
}

/** Builds the error for a non-2xx answer. */
export function alicloudError(res: HttpResponse, ctx: AlicloudErrorContext): ChatOpsError {
  const parsed = tryParseJson(res.body);
  const body = isObject(parsed) ? parsed : {};
  const remoteCode = asString(body.Code ?? body.code);
  const remoteMessage = asString(body.Message ?? body.message);
  const requestId =
    asString(body.RequestId ?? body.requestId) ?? firstHeader(res.headers['x-acs-request-id']);
  const classification = classifyAlicloudError(remoteCode ?? '', res.status, ctx.goneCodes);
  const message = `${ctx.operation} failed: HTTP ${res.status}${remoteCode ? ` ${remoteCode}` : ''}${
    remoteMessage ? `: ${remoteMessage}` : ''
  }${requestId ? ` (RequestId ${requestId})` : ''}. ${advice(classification.code, ctx)}`;
  return new ChatOpsError({
    code: classification.code,
    message,
    remoteCode,
    requestId,
    retryable: classification.retryable,
    notProcessed: classification.notProcessed,
    operation: ctx.operation,
    httpStatus: res.status,
    retryAfterMs: parseRetryAfter(res.headers, ctx.nowMs),
  });
}

function advice(code: ErrorCode, ctx: AlicloudErrorContext): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'Check alicloud:accessKey / ALIBABA_CLOUD_ACCESS_KEY_ID and alicloud:secretKey / ALIBABA_CLOUD_ACCESS_KEY_SECRET (with STS credentials also alicloud:securityToken / ALIBABA_CLOUD_SECURITY_TOKEN), and that the clock of this machine is right.';
    case 'PERMISSION_DENIED':
      return `Grant the RAM action ${ctx.ramAction} to the caller.`;
    case 'NOT_FOUND':
      return 'The service says the object does not exist.';
    case 'API_UNAVAILABLE':
      return 'The service does not offer this API at this endpoint: check the region (alicloud:region / ALIBABA_CLOUD_REGION) and any endpoint override, and that the product is activated for this account in that region. Nothing was changed in the stack.';
    case 'ALREADY_EXISTS':
      return 'An object with this name already exists: choose another name or adopt the existing one.';
    case 'INVALID_INPUT':
      return 'Correct the named parameter.';
    case 'THROTTLED':
      return 'The account is being throttled: lower alicloudRatePerSecond or the parallelism, or retry later.';
    case 'LIMIT_EXCEEDED':
      return 'A service limit was reached: delete unused objects or ask for a higher quota.';
    case 'REMOTE_UNAVAILABLE':
      return 'The service is unavailable: retry later.';
    default:
      return 'See the remote code and message; nothing was changed in the stack.';
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
