import { ProviderSettings, SettingsWithDefaults, withDefaults } from '../../config/settings';
import { ChatOpsError, isChatOpsError } from '../../errors';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { JsonObject, isObject, tryParseJson } from '../parse';
import type { AlicloudCredentialProvider } from './credentials';
import { alicloudError } from './errors';
import { flattenParameters } from './flatten';
import { Acs3Credentials, acsDate, canonicalQueryString, sha256Hex, signAcs3 } from './signer';
import { randomBytes } from 'crypto';

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
  /**
   * Credentials of this call instead of the client's (STS `AssumeRole` signs with the base
   * identity), or `anonymous` for the calls the vendor documents as unsigned
   * (`AssumeRoleWithOIDC`: the OIDC token is the proof). Anonymous calls send their
   * parameters as a form body, so a token never sits in a URL.
   */
  auth?: Acs3Credentials | 'anonymous';
}

/** What every call to one Alibaba Cloud product shares. */
export interface RpcProduct {
  /** The product's endpoint for a region, e.g. `https://oos.cn-hangzhou.aliyuncs.com`. */
  endpoint: (region: string, settings: ProviderSettings) => string;
  /** The API version, e.g. `2019-06-01`. */
  version: string;
  /** The prefix of our names of its calls, e.g. `oos` for `oos:GetChatConfiguration`. */
  operationPrefix: string;
  /** The prefix of its RAM actions, e.g. `yundun-sas` for Security Center. */
  ramPrefix: string;
  /** The remote codes that mean "this object does not exist" (gone-answers.ts). */
  goneCodes: ReadonlySet<string>;
}

/** The gateway's answer to temporary keys whose time is up. */
const EXPIRED_TOKEN = 'InvalidSecurityToken.Expired';

/**
 * Alibaba Cloud RPC over the shared HTTP layer: `POST /` with every business parameter
 * in the query string, an empty body, and the V3 signature in headers
 * (docs/wire-facts.md section 1). Each attempt is signed afresh, so a retry
 * carries a new date and nonce.
 */
export class AlicloudRpcClient {
  /**
   * @param credentials the chain of the account this client calls for
   * @param scope names that account in pacing keys: the remote throttles per account
   */
  constructor(
    private readonly http: HttpLayer,
    private readonly getSettings: () => ProviderSettings,
    private readonly credentials?: AlicloudCredentialProvider,
    private readonly scope?: string,
  ) {}

  /**
   * Calls `action` of `product` in `region`, with its business parameters. `aboutOneObject`:
   * the call names one object, so a not-found answer is a claim about it (NOT_FOUND); a listing
   * names none, and its not-found answers fail as they come.
   */
  callProduct(
    product: RpcProduct,
    action: string,
    region: string,
    params: Record<string, unknown>,
    idempotent: boolean,
    aboutOneObject = true,
  ): Promise<JsonObject> {
    return this.call({
      endpoint: (settings) => product.endpoint(region, settings),
      action,
      version: product.version,
      operation: `${product.operationPrefix}:${action}`,
      ramAction: `${product.ramPrefix}:${action}`,
      params,
      idempotent,
      ...(aboutOneObject ? { goneCodes: product.goneCodes } : {}),
    });
  }

  /**
   * The AccessKey ID the next call of `operation` signs with (not a secret): what the caller
   * identity of these credentials is remembered by.
   */
  async signingKeyId(operation: string): Promise<string> {
    if (!this.credentials) {
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message: `${operation}: no credential chain`,
      });
    }
    const { credentials } = await this.credentials(withDefaults(this.getSettings()), operation);
    return credentials.accessKeyId;
  }

  async call(call: RpcCall): Promise<JsonObject> {
    const settings = withDefaults(this.getSettings());
    if (call.auth) return this.send(call, settings, call.auth);
    if (!this.credentials) {
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message: `${call.operation}: no credential chain`,
      });
    }
    const first = await this.credentials(settings, call.operation);
    try {
      return await this.send(call, settings, first.credentials);
    } catch (error) {
      // Temporary keys are renewed before they expire; a clock that jumped, or a service
      // that ended them early, still gets one renewal and one more try.
      if (!first.temporary || !isChatOpsError(error, 'AUTH_FAILED')) throw error;
      if (error.remoteCode !== EXPIRED_TOKEN) throw error;
      first.expired();
      const renewed = await this.credentials(settings, call.operation);
      return this.send(call, settings, renewed.credentials);
    }
  }

  private send(
    call: RpcCall,
    settings: SettingsWithDefaults,
    credentials: Acs3Credentials | 'anonymous',
  ): Promise<JsonObject> {
    const url = new URL(call.endpoint(settings));
    // An http(s) URL's path is never empty: the bare origin parses to '/'.
    const pathname = url.pathname;
    const query = flattenParameters(call.params);
    const queryString = canonicalQueryString(query);

    const anonymous = credentials === 'anonymous';

    return this.http.execute(
      operationSpec(settings, 'alicloud', { ...call, url, scope: this.scope }),
      async ({ timeoutMs }) => {
        const common = { 'x-acs-action': call.action, 'x-acs-version': call.version };
        // Parameters travel in the form body, signed through its hash, never in the URL: a
        // client secret or a webhook token in a query string shows in proxy logs and in
        // undici's debug output (NODE_DEBUG=undici). The vendor's credential library sends
        // STS parameters the same way (`bodyForm` of @alicloud/credentials' ram_role_arn.js).
        const headers = anonymous
          ? unsignedHeaders(url.host, common, queryString)
          : signAcs3(
              {
                method: 'POST',
                host: url.host,
                pathname,
                query: {},
                headers: { ...common, 'content-type': 'application/x-www-form-urlencoded' },
                body: queryString,
              },
              credentials,
            );
        headers['accept'] = 'application/json';
        headers['user-agent'] = 'pulumi-dingtalk-chatops';
        const res = await this.http.send({
          url: `${url.origin}${pathname}`,
          method: 'POST',
          headers,
          body: queryString,
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

/** The common headers of an unsigned call, whose parameters travel as a form body. */
function unsignedHeaders(
  host: string,
  common: Record<string, string>,
  body: string,
): Record<string, string> {
  return {
    ...common,
    host,
    'content-type': 'application/x-www-form-urlencoded',
    'x-acs-date': acsDate(new Date()),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256Hex(body),
  };
}
