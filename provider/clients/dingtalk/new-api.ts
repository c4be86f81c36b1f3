import { ChatOpsError } from '../../errors';
import { JsonObject, isObject, tryParseJson } from '../parse';
import { DingTalkApiClient, DingTalkCall, errorContext } from './api-client';
import { newApiError } from './errors';

export interface NewApiCall extends DingTalkCall {
  /** e.g. `/v1.0/robot/plugins/set`. */
  path: string;
  body: JsonObject;
}

/**
 * The DingTalk new API (`https://api.dingtalk.com/v1.0/...`): JSON in and out, the raw
 * token in `x-acs-dingtalk-access-token`, no request signing
 * (docs/wire-facts.md section 2).
 */
export class DingTalkNewApiClient extends DingTalkApiClient {
  post(call: NewApiCall): Promise<JsonObject> {
    return this.withToken(
      call,
      (_settings, app) => new URL(call.path, app.apiEndpoint),
      async (token, url, timeoutMs) => {
        const res = await this.http.send({
          url: url.toString(),
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-acs-dingtalk-access-token': token,
          },
          body: JSON.stringify(call.body),
          timeoutMs,
          operation: call.operation,
        });
        const ctx = errorContext(call);
        if (res.status < 200 || res.status >= 300) throw newApiError(res, ctx);
        if (res.body.trim() === '') return {};
        const body = tryParseJson(res.body);
        if (body === undefined) throw newApiError(res, ctx);
        if (!isObject(body)) {
          throw new ChatOpsError({
            code: 'REMOTE_ERROR',
            message: `${call.operation}: HTTP ${res.status} with a body that is not a JSON object.`,
            operation: call.operation,
            httpStatus: res.status,
          });
        }
        return body;
      },
    );
  }
}
