import { Dispatcher, Pool, request } from 'undici';
import { ChatOpsError } from '../errors';

export interface HttpRequest {
  /** Full URL; the origin selects the connection pool. */
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the request (connect, headers and body) after this many milliseconds. */
  timeoutMs: number;
  /** Names the call in errors, e.g. `oos:GetChatConfiguration`. */
  operation: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TransportOptions {
  /** Replaces the per-origin pools, e.g. with undici's MockAgent in tests. */
  dispatcher?: Dispatcher;
  /** Connections kept per origin; the remote QPS limits make more pointless. */
  connectionsPerOrigin?: number;
}

/** Connection failures where the request never reached the remote. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Largest response body read; every expected answer is a few kilobytes. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Sends one HTTP request over a keep-alive pool dedicated to its origin. Knows nothing
 * of retries or remote error formats: it returns any HTTP answer and turns only
 * transport failures into ChatOpsError (TIMEOUT or TRANSPORT_ERROR, both retryable).
 */
export class HttpTransport {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly dispatcher?: Dispatcher;
  private readonly connections: number;

  constructor(options: TransportOptions = {}) {
    this.dispatcher = options.dispatcher;
    this.connections = options.connectionsPerOrigin ?? 8;
  }

  /** The dispatcher that carries requests to `origin` (one pool per origin, made on first use). */
  dispatcherFor(origin: string): Dispatcher {
    if (this.dispatcher) return this.dispatcher;
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: this.connections });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort();
      },
      Math.max(1, req.timeoutMs),
    );
    try {
      const res = await request(url, {
        dispatcher: this.dispatcherFor(url.origin),
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
      });
      const body = await readBody(res.body);
      return { status: res.statusCode, headers: normaliseHeaders(res.headers), body };
    } catch (e) {
      throw toTransportError(e, req, url.origin, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes every pool this transport opened (not an injected dispatcher). */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

async function readBody(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      // Caught below and reported as a TRANSPORT_ERROR naming this reason.
      throw new Error('response body too large');
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function normaliseHeaders(
  headers: Record<string, string | string[] | undefined>,
): HttpResponse['headers'] {
  const out: HttpResponse['headers'] = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof err.code === 'string') return err.code;
  if (Array.isArray(err.errors) && err.errors.length > 0) return errorCode(err.errors[0]);
  if (err.cause !== undefined && err.cause !== e) return errorCode(err.cause);
  return undefined;
}

function toTransportError(
  e: unknown,
  req: HttpRequest,
  origin: string,
  timedOut: boolean,
): ChatOpsError {
  if (e instanceof ChatOpsError) return e;
  const code = errorCode(e);
  // Only the origin goes into the message: paths and queries may carry tokens.
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new ChatOpsError({
      code: 'TIMEOUT',
      message: `${req.operation}: no answer from ${origin} within ${req.timeoutMs} ms${code ? ` (${code})` : ''}. Check the endpoint and the network, or raise requestTimeoutMs.`,
      operation: req.operation,
      retryable: true,
      notProcessed: code === 'UND_ERR_CONNECT_TIMEOUT',
    });
  }
  const reason = code ?? (e instanceof Error ? e.message : String(e));
  return new ChatOpsError({
    code: 'TRANSPORT_ERROR',
    message: `${req.operation}: could not talk to ${origin} (${reason}). Check the endpoint setting and the network.`,
    operation: req.operation,
    retryable: true,
    notProcessed: code !== undefined && NOT_SENT_CODES.has(code),
  });
}
