import { ProviderSettings, withDefaults } from '../../config/settings';
import { ChatOpsError } from '../../errors';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { JsonObject, isObject, tryParseJson } from '../parse';
import { dingtalkApp } from './app';
import { newApiError } from './errors';
import { TokenCache } from './token-cache';

export interface NewApiCall {
  /** e.g. `/v1.0/robot/plugins/set`. */
  path: string;
  body: JsonObject;
  /** e.g. `dingtalk:robot/plugins/set`. */
  operation: string;
  idempotent: boolean;
  /** Permission point named in a PERMISSION_DENIED message. */
  permission?: string;
  /** Codes that mean "this object does not exist" (gone-answers.ts). */
  goneCodes?: ReadonlySet<string>;
}

/**
 * The DingTalk new API (`https://api.dingtalk.com/v1.0/...`): JSON in and out, the raw
 * token in `x-acs-dingtalk-access-token`, no request signing
 * (docs/wire-facts.md section 2).
 */
export class DingTalkNewApiClient {
  constructor(
    private readonly http: HttpLayer,
    private readonly tokens: TokenCache,
    private readonly getSettings: () => ProviderSettings,
    /** The named app of `chatops:dingtalkApps` this client calls for; none: the stack's own. */
    private readonly appName?: string,
  ) {}

  async post(call: NewApiCall): Promise<JsonObject> {
    const settings = withDefaults(this.getSettings());
    const app = dingtalkApp(settings, call.operation, this.appName);
    const url = new URL(call.path, app.apiEndpoint);
    return this.tokens.withToken(app, (token) =>
      this.http.execute(
        operationSpec(settings, 'dingtalk', { ...call, url, scope: this.appName }),
        async ({ timeoutMs }) => {
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
          const ctx = {
            operation: call.operation,
            permission: call.permission,
            goneCodes: call.goneCodes,
            nowMs: Date.now(),
          };
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
      ),
    );
  }
}
