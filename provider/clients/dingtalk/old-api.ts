import { JsonObject, asNumber, isObject, tryParseJson } from '../parse';
import { DingTalkApiClient, DingTalkCall, errorContext } from './api-client';
import { oapiEndpoint } from './app';
import { nonJsonError, oldApiError } from './errors';

export interface OldApiCall extends DingTalkCall {
  method: 'GET' | 'POST';
  /** e.g. `/chat/create`. */
  path: string;
  /** Query parameters besides `access_token`. */
  query?: Record<string, string>;
  body?: JsonObject;
}

/**
 * The DingTalk old API (`https://oapi.dingtalk.com/...`): the token as `access_token=`
 * in the query, and HTTP 200 with `{errcode, errmsg}` where errcode 0 is success
 * (docs/wire-facts.md section 2). Uses the same token as the new API.
 */
export class DingTalkOldApiClient extends DingTalkApiClient {
  call(call: OldApiCall): Promise<JsonObject> {
    return this.withToken(
      call,
      (settings) => new URL(call.path, oapiEndpoint(settings)),
      async (token, base, timeoutMs) => {
        const url = new URL(base.toString());
        url.searchParams.set('access_token', token);
        for (const [name, value] of Object.entries(call.query ?? {})) {
          url.searchParams.set(name, value);
        }
        const res = await this.http.send({
          url: url.toString(),
          method: call.method,
          headers: {
            accept: 'application/json',
            ...(call.body ? { 'content-type': 'application/json' } : {}),
          },
          body: call.body ? JSON.stringify(call.body) : undefined,
          timeoutMs,
          operation: call.operation,
        });
        const ctx = errorContext(call);
        const body = tryParseJson(res.body);
        if (!isObject(body)) throw nonJsonError(res, ctx);
        const errcode = asNumber(body.errcode);
        if ((errcode !== undefined && errcode !== 0) || res.status < 200 || res.status >= 300) {
          throw oldApiError(res, body, ctx);
        }
        return body;
      },
    );
  }
}
