import { BAN_PAGE, type FaultKind, type FaultRule } from './faults';
import { sendResponse, type Exchange, type WireResponse } from './http/exchange';
import { renderError } from './http/render-error';
import type { Route } from './http/router';
import { WireError } from './wire-error';

/**
 * What an injected fault does to the request it was picked for, kind by kind, in one place.
 * A request meets its fault at two points of its way through the emulator:
 *
 * 1. {@link faultBeforeApi}, before the rate limit and the API:
 *    - `expire-tokens` expires every DingTalk and sign-in access token, and `delay` waits
 *      `delayMs`; then the request goes on as normal (the API answers, and the log names the
 *      fault);
 *    - `reset` drops the connection, `ban-page` serves DingTalk's anti-abuse page, `error`
 *      answers the given code in the API's own error form: the request ends there, the API
 *      never runs and nothing changes.
 * 2. {@link faultAfterApi}, after the API ran:
 *    - `commit-then-drop` lets the API make (and save) its change, then drops the connection
 *      instead of sending the answer: the client never hears of the change.
 *
 * Each returns what the request log records when the fault ended the request, and undefined
 * when the request goes on.
 */

/** The request log's account of a request that a fault ended. */
export interface FaultOutcome {
  fault: FaultKind;
  status?: number;
  errorCode?: string;
}

/** The request a fault acts on, and what a fault may do to the emulator besides. */
export interface FaultedRequest {
  route: Route;
  exchange: Exchange;
  /** Expires every DingTalk and sign-in access token (`expire-tokens`). */
  expireTokens(): void;
}

/** Step 1: acts before the API; an outcome means the request was answered or dropped here. */
export async function faultBeforeApi(
  fault: FaultRule | undefined,
  request: FaultedRequest,
): Promise<FaultOutcome | undefined> {
  if (!fault) return undefined;
  const kind = fault.kind;
  switch (kind) {
    case 'commit-then-drop':
      return undefined; // acts after the API: faultAfterApi
    case 'expire-tokens':
      // The request itself then meets an expired token, as a long run would.
      request.expireTokens();
      return undefined;
    case 'delay':
      await sleep(fault.delayMs ?? 0);
      return undefined;
    case 'reset':
      request.exchange.req.socket.resetAndDestroy();
      return { fault: kind, status: undefined, errorCode: fault.code };
    case 'ban-page':
      return answerInstead(fault, request.exchange, {
        status: fault.status ?? 200,
        body: BAN_PAGE,
        contentType: 'text/html;charset=utf-8',
      });
    case 'error':
      return answerInstead(fault, request.exchange, injectedError(fault, request));
    default:
      return unknownKind(kind);
  }
}

/**
 * Step 2: acts after the API ran, before its answer is sent; an outcome means the answer was
 * dropped. `errorCode` is the code the API answered, if it failed.
 */
export function faultAfterApi(
  fault: FaultRule | undefined,
  exchange: Exchange,
  errorCode: string | undefined,
): FaultOutcome | undefined {
  if (fault?.kind !== 'commit-then-drop') return undefined;
  // The change is made (and saved); the client never hears about it.
  exchange.req.socket.resetAndDestroy();
  return { fault: fault.kind, errorCode };
}

function answerInstead(fault: FaultRule, exchange: Exchange, response: WireResponse): FaultOutcome {
  sendResponse(exchange.res, response);
  return { fault: fault.kind, status: response.status, errorCode: fault.code };
}

/** An `error` fault in the error form of the API the request went to. */
function injectedError(fault: FaultRule, { route, exchange }: FaultedRequest): WireResponse {
  // The DingTalk old API answers its errors with HTTP 200 and an errcode.
  const status = fault.status ?? (route.style === 'dingtalk-oapi' ? 200 : 400);
  const error = new WireError(
    status,
    fault.code ?? 'InjectedFault',
    fault.message ?? 'Injected fault',
    {},
    fault.subCode ? { sub_code: fault.subCode, sub_msg: fault.message ?? '' } : {},
  );
  return renderError(error, route.style, exchange, route.family);
}

function unknownKind(kind: never): never {
  throw new Error(`unknown fault kind ${String(kind)}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
