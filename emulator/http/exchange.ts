import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from '../ids';
import { parseParamPairs, type ParamPairs } from './query-string';

/** One request as the emulator sees it: fully read, query parsed, with its own request id. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  rawQuery: string;
  /** Undefined when the query string is not valid percent-encoding. */
  query: ParamPairs | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** Who the call authenticated as (access key id, DingTalk app key), once known. */
  principal?: string;
  /** The role of STS-issued keys, once known. */
  role?: string;
  /** The Alibaba Cloud account of the key that signed the call, once known. */
  account?: string;
}

/** What a handler answers; sent as JSON unless `contentType` says otherwise. */
export interface WireResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

export class BodyTooLargeError extends Error {}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readExchange(req: IncomingMessage, res: ServerResponse): Promise<Exchange> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body larger than 1 MiB');
    chunks.push(buffer);
  }
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    rawQuery,
    query: parseParamPairs(rawQuery),
    headers: req.headers,
    body: Buffer.concat(chunks),
    requestId: newRequestId(),
  };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function sendResponse(res: ServerResponse, response: WireResponse): void {
  const isText = typeof response.body === 'string' && response.contentType !== undefined;
  const payload = isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': response.contentType ?? 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}
