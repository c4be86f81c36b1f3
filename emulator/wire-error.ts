/**
 * An error answer of an emulated API. The same error is rendered differently by each wire
 * style (see http/render-error.ts): Alibaba Cloud `{Code, Message, ...}`, DingTalk new API
 * `{code, message, requestid}`, DingTalk old API `{errcode, errmsg}`, OAuth
 * `{error, error_description, requestId}`, CloudSSO `{ErrorCode, ErrorMessage, RequestId}`.
 */
export class WireError extends Error {
  constructor(
    /** HTTP status; the DingTalk old API answers errors with 200. */
    readonly status: number,
    /** Remote error code: `Throttling.User`, `param.illegal`, or a numeric errcode as text. */
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `x-acs-retry-after`. */
    readonly headers: Record<string, string> = {},
    /** Extra body fields, e.g. the old API's `sub_code` and `sub_msg` beside errcode 88. */
    readonly extraBody: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WireError';
  }
}

/** An error of the DingTalk old API: HTTP 200 with a non-zero errcode. */
export function oapiError(
  errcode: number,
  errmsg: string,
  extraBody: Record<string, unknown> = {},
): WireError {
  return new WireError(200, String(errcode), errmsg, {}, extraBody);
}
