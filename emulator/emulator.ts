import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessPolicy } from './access-policy';
import { AccessKeyRegistry } from './alicloud/access-keys';
import { AlicloudAuthenticator } from './alicloud/authenticate';
import { NonceRegistry } from './alicloud/nonce-registry';
import { RpcDispatcher } from './alicloud/rpc-dispatch';
import { ControlApi } from './control-api';
import { dingtalkApiErrors, oapiErrors } from './dingtalk/errors';
import { TokenStore } from './dingtalk/token-store';
import { faultAfterApi, faultBeforeApi } from './fault-response';
import { FaultInjector, type FaultKind } from './faults';
import {
  BodyTooLargeError,
  headerValue,
  readExchange,
  sendResponse,
  type Exchange,
  type WireResponse,
} from './http/exchange';
import { pairsToRecord, parseParamPairs } from './http/query-string';
import { renderError } from './http/render-error';
import { routeOf, type Route, type WireStyle } from './http/router';
import type { ResolvedOptions } from './options';
import { RateLimiter, throttlingError } from './rate-limiter';
import { RequestLog } from './request-log';
import { CloudSsoService, type CloudSsoSignInSnapshot } from './sign-in/cloud-sso-service';
import { OAuthService, type OAuthSignInSnapshot } from './sign-in/oauth-service';
import { cloudSsoErrors, oauthErrors } from './sign-in/sign-in-errors';
import { Store } from './store';
import { WireError } from './wire-error';
import { WireVariantSettings } from './wire-variants';

/** Parameters as the log shows them (redacted later): query plus form or JSON body. */
function loggedParams(exchange: Exchange): Record<string, unknown> {
  const params: Record<string, unknown> = pairsToRecord(exchange.query ?? []);
  const contentType = headerValue(exchange.headers, 'content-type') ?? '';
  const text = exchange.body.toString('utf8');
  if (contentType.includes('application/x-www-form-urlencoded')) {
    Object.assign(params, pairsToRecord(parseParamPairs(text) ?? []));
  } else if (text.trim().startsWith('{')) {
    try {
      Object.assign(params, JSON.parse(text) as Record<string, unknown>);
    } catch {
      params.body = '(not JSON)';
    }
  }
  return params;
}

/** The tokens of the sign-in services as they stand, secrets included (control API). */
export interface SignInSnapshot {
  oauth: OAuthSignInSnapshot[];
  cloudSso: CloudSsoSignInSnapshot[];
}

/** The answer to a failure no handler expected, in the form of the API the request went to. */
function unexpectedError(style: WireStyle): WireError {
  const message = 'The request processing has failed due to some unknown error.';
  switch (style) {
    case 'oauth':
      return oauthErrors.internal();
    case 'cloud-sso':
      return cloudSsoErrors.internal();
    case 'dingtalk-api':
      return new WireError(500, 'system.error', message);
    default:
      return new WireError(500, 'InternalError', message);
  }
}

/** One request's way through the emulator: control API, or faults, rate limit, API. */
export class Emulator {
  readonly store: Store;
  readonly faults = new FaultInjector();
  readonly log: RequestLog;
  readonly access: AccessPolicy;
  /** The answers no vendor document settles, as tests select them. */
  readonly variants: WireVariantSettings;
  /** Access keys of the gateway, STS-issued ones included. */
  readonly keys: AccessKeyRegistry;
  private readonly rateLimiter: RateLimiter;
  private readonly tokens: TokenStore;
  /** The sign-in services of the CLI's `OAuth` and `CloudSSO` profiles. */
  private readonly oauth: OAuthService;
  private readonly cloudSso: CloudSsoService;
  private readonly rpc: RpcDispatcher;
  private readonly control: ControlApi;

  constructor(private readonly options: ResolvedOptions) {
    this.store = new Store(options);
    this.log = new RequestLog(options.requestLogLimit);
    this.access = new AccessPolicy(options.access);
    this.variants = new WireVariantSettings(options.wireVariants);
    this.rateLimiter = new RateLimiter(options);
    this.tokens = new TokenStore(
      this.store,
      options.dingtalkApps,
      options.tokenLifetimeSeconds,
      options.clock,
    );
    this.oauth = new OAuthService(
      options.oauthSignIns,
      options.oauthTokenLifetimeSeconds,
      options.clock,
    );
    this.cloudSso = new CloudSsoService(options.cloudSsoSignIns, options.clock);
    const skewMs = options.maxClockSkewSeconds * 1000;
    this.keys = new AccessKeyRegistry(
      options.accountId,
      options.accessKeys,
      options.stsTokens,
      options.accounts,
    );
    this.rpc = new RpcDispatcher(
      new AlicloudAuthenticator(this.keys, new NonceRegistry(2 * skewMs), options.clock, skewMs),
      this.store,
      options,
      this.access,
      this.keys,
      this.variants,
    );
    this.control = new ControlApi({
      store: this.store,
      faults: this.faults,
      log: this.log,
      access: this.access,
      variants: this.variants,
      sts: {
        roles: () => this.options.ramRoles,
        oidcProviders: () =>
          this.options.oidcProviders.map(({ hmacSecret, ...rest }) => ({
            ...rest,
            signed: hmacSecret !== undefined,
          })),
        issued: () => this.keys.issued(),
        expireIssued: () => this.keys.expireIssued(this.options.clock()),
      },
      signIn: () => this.signIns(),
      reset: () => this.reset(),
    });
  }

  /**
   * Forgets every object and rate window; the wire variants and the sign-in services' tokens
   * go back to the options'.
   */
  reset(): void {
    this.store.reset();
    this.rateLimiter.reset();
    this.variants.reset();
    this.oauth.reset();
    this.cloudSso.reset();
  }

  /** The OAuth and CloudSSO sign-ins with their tokens as they stand (`GET /_emulator/sign-in`). */
  signIns(): SignInSnapshot {
    return { oauth: this.oauth.snapshot(), cloudSso: this.cloudSso.snapshot() };
  }

  /** Ends the life of every DingTalk and sign-in access token (`expire-tokens` fault). */
  private expireTokens(): void {
    this.tokens.expireAll();
    this.oauth.expireAccessTokens();
    this.cloudSso.expireAccessTokens();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let exchange: Exchange;
    try {
      exchange = await readExchange(req, res);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendResponse(res, { status: 413, body: { error: error.message } });
      } else {
        req.socket.destroy();
      }
      return;
    }
    if (exchange.path === '/_emulator' || exchange.path.startsWith('/_emulator/')) {
      this.control.handle(exchange);
      return;
    }
    await this.serveApi(exchange);
  }

  private async serveApi(exchange: Exchange): Promise<void> {
    const started = Date.now();
    const route = routeOf(exchange);
    const record = (outcome: {
      status?: number;
      errorCode?: string;
      fault?: FaultKind;
      throttled?: boolean;
    }) =>
      this.log.add({
        at: new Date(this.options.clock()).toISOString(),
        method: exchange.method,
        path: exchange.path,
        family: route.family,
        action: route.action,
        requestId: exchange.requestId,
        principal: exchange.principal,
        account: exchange.account,
        role: exchange.role,
        params: loggedParams(exchange),
        durationMs: Date.now() - started,
        ...outcome,
      });

    // Faults act before the API or after it: emulator/fault-response.ts.
    const fault = this.faults.pick({
      family: route.family,
      action: route.action,
      path: exchange.path,
    });
    const cutShort = await faultBeforeApi(fault, {
      route,
      exchange,
      expireTokens: () => this.expireTokens(),
    });
    if (cutShort) {
      record(cutShort);
      return;
    }

    let response: WireResponse;
    let errorCode: string | undefined;
    let throttled = false;
    try {
      if (route.family && !this.rateLimiter.allow(route.family, route.action)) {
        throttled = true;
        throw throttlingError(route.style);
      }
      response = this.dispatch(route, exchange);
    } catch (error) {
      const wire = error instanceof WireError ? error : unexpectedError(route.style);
      response = renderError(wire, route.style, exchange, route.family);
      errorCode = wire.code;
    }

    const dropped = faultAfterApi(fault, exchange, errorCode);
    if (dropped) {
      record(dropped);
      return;
    }
    sendResponse(exchange.res, {
      ...response,
      headers: { 'x-acs-request-id': exchange.requestId, ...response.headers },
    });
    record({
      status: response.status,
      errorCode,
      throttled: throttled || undefined,
      fault: fault?.kind,
    });
  }

  private dispatch(route: Route, exchange: Exchange): WireResponse {
    if (route.style === 'alicloud') return this.rpc.handle(exchange, route.action);
    if (route.signInHandler) {
      return route.signInHandler({
        exchange,
        oauth: this.oauth,
        cloudSso: this.cloudSso,
        keys: this.keys,
        options: this.options,
        now: this.options.clock(),
      });
    }
    if (route.dingtalkHandler) {
      return route.dingtalkHandler({
        exchange,
        store: this.store,
        options: this.options,
        tokens: this.tokens,
        now: this.options.clock(),
        access: this.access,
        permission: route.permission,
      });
    }
    throw route.style === 'dingtalk-api' ? dingtalkApiErrors.notFound() : oapiErrors.notFound();
  }
}
