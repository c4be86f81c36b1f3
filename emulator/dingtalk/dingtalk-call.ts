import type { AccessPolicy } from '../access-policy';
import { headerValue, type Exchange, type WireResponse } from '../http/exchange';
import type { ResolvedOptions } from '../options';
import type { Store } from '../store';
import { dingtalkApiErrors, oapiErrors } from './errors';
import type { TokenStore } from './token-store';

/** What a DingTalk handler gets. */
export interface DingTalkCall {
  exchange: Exchange;
  store: Store;
  options: ResolvedOptions;
  tokens: TokenStore;
  now: number;
  access: AccessPolicy;
  /** The permission point of the call; an app without it is refused after its token checks. */
  permission?: string;
}

export type DingTalkHandler = (call: DingTalkCall) => WireResponse;

/** New API: the raw token in `x-acs-dingtalk-access-token`; returns the app it belongs to. */
export function requireApiToken(call: DingTalkCall): string {
  const check = call.tokens.check(
    headerValue(call.exchange.headers, 'x-acs-dingtalk-access-token'),
  );
  if ('problem' in check) throw dingtalkApiErrors.invalidToken();
  call.exchange.principal = check.appKey;
  if (call.permission) {
    call.access.checkDingTalk({ appKey: check.appKey, permission: call.permission, style: 'api' });
  }
  return check.appKey;
}

/** Old API: `?access_token=`. Missing, unknown and expired all answer errcode 40014. */
export function requireOapiToken(call: DingTalkCall): string {
  const check = call.tokens.check(queryParam(call, 'access_token'));
  if ('problem' in check) throw oapiErrors.invalidToken();
  call.exchange.principal = check.appKey;
  if (call.permission) {
    call.access.checkDingTalk({ appKey: check.appKey, permission: call.permission, style: 'oapi' });
  }
  return check.appKey;
}

export function queryParam(call: DingTalkCall, name: string): string | undefined {
  return call.exchange.query?.find(([n]) => n === name)?.[1];
}

/** The JSON object body, `undefined` when empty, `null` when not a JSON object. */
export function jsonObjectBody(call: DingTalkCall): Record<string, unknown> | undefined | null {
  const text = call.exchange.body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function ok(body: unknown): WireResponse {
  return { status: 200, body };
}
