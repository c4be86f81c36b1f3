import { checkObject, unflatten } from './conformance';
import {
  operationOf,
  type FamilyContract,
  type FieldSpec,
  type ResolvedOperation,
} from './fixture';
import type { Exchange } from './recording-dispatcher';

/**
 * Reads one recorded exchange the way the contract describes it: which operation it is,
 * which parameters went out where, and whether the answer was a success.
 */

export interface WireRequest {
  pathname: string;
  query: Record<string, string>;
  /** Parsed JSON body, `undefined` when none was sent. */
  body: unknown;
}

/**
 * An RPC call's parameters travel in the query string or in a form body (the gateway reads
 * both as one set; the vendor's own credential library sends STS parameters, which the SDK
 * model places in the query, as `bodyForm`): a form body counts as the query here.
 */
export function wireRequest(exchange: Exchange): WireRequest {
  const url = new URL(exchange.path, 'http://127.0.0.1');
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  const contentType = String(exchange.headers['content-type'] ?? '');
  if (contentType.includes('application/x-www-form-urlencoded')) {
    new URLSearchParams(exchange.requestBody).forEach((value, name) => {
      query[name] = value;
    });
    return { pathname: url.pathname, query, body: undefined };
  }
  const body =
    exchange.requestBody === '' ? undefined : (JSON.parse(exchange.requestBody) as unknown);
  return { pathname: url.pathname, query, body };
}

export function operationOfExchange(
  families: FamilyContract[],
  exchange: Exchange,
): ResolvedOperation | undefined {
  return operationOf(families, {
    method: exchange.method,
    path: wireRequest(exchange).pathname,
    action: exchange.headers['x-acs-action'],
    version: exchange.headers['x-acs-version'],
  });
}

function fieldsIn(op: ResolvedOperation, location: 'query' | 'body'): Record<string, FieldSpec> {
  return Object.fromEntries(
    Object.entries(op.contract.request.fields).filter(
      ([, spec]) => (spec.in ?? 'query') === location,
    ),
  );
}

/**
 * Problems of a request: every parameter must be one the contract lists for where it was
 * found (query or body), of its type and encoding; required ones must be there.
 */
export function checkRequest(op: ResolvedOperation, exchange: Exchange): string[] {
  const req = wireRequest(exchange);
  const problems: string[] = [];
  // RPC query names are flattened (`Filters.1.Name`); other APIs' names never hold dots.
  const query = op.family.protocol === 'alicloud-rpc' ? unflatten(req.query) : req.query;
  problems.push(...checkObject(fieldsIn(op, 'query'), query, ['query'], 'query'));
  const bodyFields = fieldsIn(op, 'body');
  if (req.body === undefined) {
    if (Object.values(bodyFields).some((spec) => spec.required)) {
      problems.push('body: required parameters but no body');
    }
  } else if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    problems.push('body: expected a JSON object');
  } else {
    problems.push(
      ...checkObject(bodyFields, req.body as Record<string, unknown>, ['body'], 'json'),
    );
  }
  return problems.map((p) => `${op.id} request ${p}`);
}

/** The answer's JSON object, when the exchange ended in one. */
export function answerOf(exchange: Exchange): Record<string, unknown> | undefined {
  if (exchange.responseBody === undefined) return undefined;
  try {
    const parsed = JSON.parse(exchange.responseBody) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A success: HTTP 2xx, and for the old API also errcode 0 (it reports errors with HTTP 200). */
export function isSuccess(exchange: Exchange): boolean {
  const status = exchange.status ?? 0;
  if (status < 200 || status >= 300) return false;
  const answer = answerOf(exchange);
  if (!answer) return false;
  return !('errcode' in answer) || answer.errcode === 0;
}

/** Problems of a success answer against the operation's response model. */
export function checkAnswer(op: ResolvedOperation, body: Record<string, unknown>): string[] {
  return checkObject(op.contract.response.fields, body, [], 'json').map(
    (p) => `${op.id} answer ${p}`,
  );
}
