import { ProviderSettings, withDefaults } from '../../config/settings';
import { ChatOpsError } from '../../errors';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { asNumber, asString, isObject, tryParseJson } from '../parse';
import { DingTalkApp } from './app';
import { newApiError } from './errors';
import { FetchedToken, TokenFetcher } from './token-cache';

const OPERATION = 'dingtalk:oauth2/accessToken';

/**
 * `POST /v1.0/oauth2/accessToken` with `{appKey, appSecret}` -> `{accessToken, expireIn}`
 * (docs/wire-facts.md section 2a), over the shared HTTP layer.
 */
export function accessTokenFetcher(
  http: HttpLayer,
  getSettings: () => ProviderSettings,
): TokenFetcher {
  return async (app: DingTalkApp): Promise<FetchedToken> => {
    const settings = withDefaults(getSettings());
    const url = new URL('/v1.0/oauth2/accessToken', app.apiEndpoint);
    return http.execute(
      operationSpec(settings, 'dingtalk', {
        operation: OPERATION,
        url,
        idempotent: true,
        scope: app.clientId,
      }),
      async ({ timeoutMs }) => {
        const res = await http.send({
          url: url.toString(),
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ appKey: app.clientId, appSecret: app.clientSecret }),
          timeoutMs,
          operation: OPERATION,
        });
        if (res.status < 200 || res.status >= 300) {
          const err = newApiError(res, { operation: OPERATION, nowMs: Date.now() });
          // On the token call any client error means the app's key or secret is wrong.
          if (err.code === 'INVALID_INPUT') {
            throw new ChatOpsError({
              code: 'AUTH_FAILED',
              message: `${err.message} DingTalk refused to issue an access token: check dingtalk:clientId / DINGTALK_CLIENT_ID and dingtalk:clientSecret / DINGTALK_CLIENT_SECRET.`,
              remoteCode: err.remoteCode,
              requestId: err.requestId,
              operation: OPERATION,
              httpStatus: err.httpStatus,
            });
          }
          throw err;
        }
        const body = tryParseJson(res.body);
        const accessToken = isObject(body) ? asString(body.accessToken) : undefined;
        if (!isObject(body) || !accessToken) {
          throw new ChatOpsError({
            code: 'REMOTE_ERROR',
            message: `${OPERATION}: HTTP ${res.status} without an accessToken. Check that ${url.origin} is the DingTalk API endpoint (dingtalkApiEndpoint / DINGTALK_API_ENDPOINT).`,
            operation: OPERATION,
            httpStatus: res.status,
          });
        }
        return { accessToken, expiresInSeconds: asNumber(body.expireIn) ?? 7200 };
      },
    );
  };
}
