import { ProviderSettings, withDefaults } from '../../config/settings';
import { ChatOpsError } from '../../http/errors';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { JsonObject, isObject, tryParseJson } from '../parse';
import { alicloudCredentials } from './credentials';
import { alicloudError } from './errors';
import { flattenParameters } from './flatten';
import { canonicalQueryString, signAcs3 } from './signer';

export interface RpcCall {
  /** Full endpoint URL from the settings of this call, e.g. `https://oos.cn-hangzhou.aliyuncs.com`. */
  endpoint: (settings: ProviderSettings) => string;
  action: string;
  version: string;
  /** Our name of the call, e.g. `oos:GetChatConfiguration`. */
  operation: string;
  /** RAM action named in a PERMISSION_DENIED message. */
  ramAction: string;
  /** Business parameters, flattened into the query string. */
  params: Record<string, unknown>;
  /** False for calls that create something or have a side effect. */
  idempotent: boolean;
  /** The remote codes that mean "this object does not exist" (gone-answers.ts). */
  goneCodes?: ReadonlySet<string>;
}

/**
 * Alibaba Cloud RPC over the shared HTTP layer: `POST /` with every business parameter
 * in the query string, an empty body, and the V3 signature in headers
 * (../shared/reference/apis.md section 1). Each attempt is signed afresh, so a retry
 * carries a new date and nonce.
 */
export class AlicloudRpcClient {
  constructor(
    private readonly http: HttpLayer,
    private readonly getSettings: () => ProviderSettings,
  ) {}

  async call(call: RpcCall): Promise<JsonObject> {
    const settings = withDefaults(this.getSettings());
    const credentials = alicloudCredentials(settings, call.operation);
    const url = new URL(call.endpoint(settings));
    const pathname = url.pathname || '/';
    const query = flattenParameters(call.params);
    const queryString = canonicalQueryString(query);

    return this.http.execute(
      operationSpec(settings, 'alicloud', { ...call, url }),
      async ({ timeoutMs }) => {
        const headers = signAcs3(
          {
            method: 'POST',
            host: url.host,
            pathname,
            query,
            headers: {
              'x-acs-action': call.action,
              'x-acs-version': call.version,
            },
          },
          credentials,
        );
        headers['accept'] = 'application/json';
        headers['user-agent'] = 'pulumi-dingtalk-chatops';
        const res = await this.http.send({
          url: `${url.origin}${pathname}${queryString ? `?${queryString}` : ''}`,
          method: 'POST',
          headers,
          timeoutMs,
          operation: call.operation,
        });
        if (res.status < 200 || res.status >= 300) {
          throw alicloudError(res, {
            operation: call.operation,
            ramAction: call.ramAction,
            nowMs: Date.now(),
            goneCodes: call.goneCodes,
          });
        }
        const body = tryParseJson(res.body);
        if (!isObject(body)) {
          throw new ChatOpsError({
            code: 'REMOTE_ERROR',
            message: `${call.operation}: HTTP ${res.status} with a body that is not a JSON object. Check that the endpoint ${url.origin} is an Alibaba Cloud API endpoint.`,
            operation: call.operation,
            httpStatus: res.status,
          });
        }
        return body;
      },
    );
  }
}
