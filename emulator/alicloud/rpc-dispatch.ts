import type { AccessPolicy } from '../access-policy';
import { headerValue, type Exchange, type WireResponse } from '../http/exchange';
import { parseParamPairs } from '../http/query-string';
import type { ResolvedOptions } from '../options';
import type { Store } from '../store';
import { WireError } from '../wire-error';
import type { WireVariantSettings } from '../wire-variants';
import type { AccessKeyRegistry } from './access-keys';
import type { AlicloudAuthenticator } from './authenticate';
import { gatewayErrors } from './errors';
import { RPC_ACTIONS } from './rpc-actions';
import { businessParams } from './rpc-params';

/** Every endpoint points at the emulator, so a Host like `oos.cn-shanghai.aliyuncs.com`
 * only hints at the region; RegionId, when sent, wins. */
function regionHint(host: string | undefined): string {
  const m = /^[a-z-]+\.([a-z]+-[a-z0-9-]+)\.aliyuncs\.com/.exec(host ?? '');
  return m ? m[1] : 'cn-hangzhou';
}

/** Answers an RPC call: authenticate, check the action's version, run its handler. */
export class RpcDispatcher {
  constructor(
    private readonly authenticator: AlicloudAuthenticator,
    private readonly store: Store,
    private readonly options: ResolvedOptions,
    private readonly access: AccessPolicy,
    private readonly keys: AccessKeyRegistry,
    private readonly variants: WireVariantSettings,
  ) {}

  handle(exchange: Exchange, action: string): WireResponse {
    if (exchange.query === undefined) {
      throw new WireError(400, 'InvalidParameter', 'The query string is not valid.');
    }
    const contentType = headerValue(exchange.headers, 'content-type') ?? '';
    const form = contentType.includes('application/x-www-form-urlencoded')
      ? parseParamPairs(exchange.body.toString('utf8'))
      : [];
    if (form === undefined) {
      throw new WireError(400, 'InvalidParameter', 'The form body is not valid.');
    }
    const target = RPC_ACTIONS[action];
    const identity = target?.anonymous
      ? undefined
      : this.authenticator.authenticate({
          method: exchange.method,
          path: exchange.path,
          query: exchange.query,
          formParams: form,
          headers: exchange.headers,
          body: exchange.body,
        });
    // The request log shows who called: tests check each call used the right credentials.
    const key = identity && this.keys.find(identity.accessKeyId);
    exchange.principal = identity?.accessKeyId;
    exchange.role = key?.roleArn;
    exchange.account = key?.accountId;
    const version =
      headerValue(exchange.headers, 'x-acs-version') ??
      exchange.query.find(([name]) => name === 'Version')?.[1];
    if (!target || version !== target.version) throw gatewayErrors.apiNotFound();
    const params = businessParams(exchange.query, form);
    const hint = regionHint(headerValue(exchange.headers, 'host'));
    if (identity) {
      this.access.checkRpc({
        family: target.family,
        action,
        accessKeyId: identity.accessKeyId,
        regionId: params.RegionId ?? hint,
      });
    }
    const body = target.handler(params, {
      store: this.store,
      options: this.options,
      now: this.options.clock(),
      regionHint: hint,
      caller: identity?.accessKeyId,
      accountId: key?.accountId ?? this.options.accountId,
      keys: this.keys,
      variants: this.variants,
    });
    return { status: 200, body: { RequestId: exchange.requestId, ...body } };
  }
}
