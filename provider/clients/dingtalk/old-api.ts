import { ProviderSettings, withDefaults } from '../../config/settings';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { JsonObject, asNumber, isObject, tryParseJson } from '../parse';
import { dingtalkApp, oapiEndpoint } from './app';
import { nonJsonError, oldApiError } from './errors';
import { TokenCache } from './token-cache';

export interface OldApiCall {
  method: 'GET' | 'POST';
  /** e.g. `/chat/create`. */
  path: string;
  /** Query parameters besides `access_token`. */
  query?: Record<string, string>;
  body?: JsonObject;
  /** e.g. `dingtalk:chat/create`. */
  operation: string;
  idempotent: boolean;
  /** Permission point named in a PERMISSION_DENIED message. */
  permission?: string;
  /** errcodes (as text) that mean "this object does not exist" (gone-answers.ts). */
  goneCodes?: ReadonlySet<string>;
}

/**
 * The DingTalk old API (`https://oapi.dingtalk.com/...`): the token as `access_token=`
 * in the query, and HTTP 200 with `{errcode, errmsg}` where errcode 0 is success
 * (docs/wire-facts.md section 2). Uses the same token as the new API.
 */
export class DingTalkOldApiClient {
  constructor(
    private readonly http: HttpLayer,
    private readonly tokens: TokenCache,
    private readonly getSettings: () => ProviderSettings,
    /** The named app of `chatops:dingtalkApps` this client calls for; none: the stack's own. */
    private readonly appName?: string,
  ) {}

  async call(call: OldApiCall): Promise<JsonObject> {
    const settings = withDefaults(this.getSettings());
    const app = dingtalkApp(settings, call.operation, this.appName);
    const base = new URL(call.path, oapiEndpoint(settings));
    return this.tokens.withToken(app, (token) =>
      this.http.execute(
        operationSpec(settings, 'dingtalk', { ...call, url: base, scope: this.appName }),
        async ({ timeoutMs }) => {
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
          const ctx = {
            operation: call.operation,
            permission: call.permission,
            goneCodes: call.goneCodes,
            nowMs: Date.now(),
          };
          const body = tryParseJson(res.body);
          if (!isObject(body)) throw nonJsonError(res, ctx);
          const errcode = asNumber(body.errcode);
          if ((errcode !== undefined && errcode !== 0) || res.status < 200 || res.status >= 300) {
            throw oldApiError(res, body, ctx);
          }
          return body;
        },
      ),
    );
  }
}
