import { accountOfRole, type AccessKeyRegistry } from '../alicloud/access-keys';
import { headerValue, type Exchange, type WireResponse } from '../http/exchange';
import type { ResolvedOptions } from '../options';
import type { CloudSsoService } from './cloud-sso-service';
import type { OAuthService } from './oauth-service';

/** What a handler of a sign-in service gets. */
export interface SignInCall {
  exchange: Exchange;
  oauth: OAuthService;
  cloudSso: CloudSsoService;
  /** The gateway's keys: the STS keys a sign-in yields are registered here. */
  keys: AccessKeyRegistry;
  options: ResolvedOptions;
  now: number;
}

export type SignInHandler = (call: SignInCall) => WireResponse;

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(exchange: Exchange): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(exchange.headers, 'authorization') ?? '');
  return match?.[1];
}

/**
 * The request log names the role a sign-in acts as and its account (never a token: tokens
 * are a sign-in's only names, and they are secrets).
 */
export function logSignIn(call: SignInCall, roleArn: string): void {
  call.exchange.role = roleArn;
  call.exchange.account = accountOfRole(roleArn, call.options.accountId);
}
