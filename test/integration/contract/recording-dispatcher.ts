import { Agent, DecoratorHandler, type Dispatcher } from 'undici';

/**
 * An undici dispatcher that carries the clients' requests to the emulator unchanged and
 * keeps a copy of every exchange: what went out (method, path with query, headers, body)
 * and what came back (status, body text). The clients accept a dispatcher in
 * `createClients`, so the contract tests see the real wire traffic without a proxy.
 */

export interface Exchange {
  origin: string;
  method: string;
  /** Path and query string, as sent. */
  path: string;
  headers: Record<string, string>;
  requestBody: string;
  status?: number;
  /** The emulator's answer. */
  responseBody?: string;
  /** What the client received: the answer, or its rewrite. */
  deliveredBody?: string;
}

/** Replaces the body a client receives, to present a shape the vendor documents too. */
export type ResponseRewrite = (exchange: Exchange, body: string) => string;

function headerRecord(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    }
    return out;
  }
  const entries =
    typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function' &&
    !(typeof headers === 'object' && headers.constructor === Object)
      ? [...(headers as Iterable<[string, string]>)]
      : Object.entries(headers as Record<string, string | string[] | undefined>);
  for (const [name, value] of entries) {
    if (value !== undefined) out[name.toLowerCase()] = String(value);
  }
  return out;
}

function bodyText(body: Dispatcher.DispatchOptions['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array)
    return Buffer.from(body).toString('utf8');
  // The clients send strings; anything else would be a change worth noticing.
  throw new Error('recording dispatcher: unexpected request body type');
}

type Handler = Required<
  Pick<
    Dispatcher.DispatchHandler,
    'onRequestStart' | 'onResponseStart' | 'onResponseData' | 'onResponseEnd' | 'onResponseError'
  >
> &
  Dispatcher.DispatchHandler;

export class RecordingDispatcher {
  readonly exchanges: Exchange[] = [];
  /** When set, clients receive the rewritten body (the record keeps both). */
  rewrite?: ResponseRewrite;
  /** Called with each answer just before the client gets it (the text it will parse). */
  onAnswer?: (exchange: Exchange, delivered: string) => void;
  private readonly agent = new Agent();
  readonly dispatcher: Dispatcher;

  constructor() {
    this.dispatcher = this.agent.compose((dispatch) => (opts, handler) => {
      const exchange: Exchange = {
        origin: String(opts.origin ?? ''),
        method: opts.method,
        path: opts.path,
        headers: headerRecord(opts.headers),
        requestBody: bodyText(opts.body),
      };
      this.exchanges.push(exchange);
      return dispatch(opts, this.recordingHandler(exchange, handler));
    });
  }

  clear(): void {
    this.exchanges.length = 0;
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Buffers the answer, records it, then hands the (possibly rewritten) body on in one piece. */
  private recordingHandler(exchange: Exchange, handler: Dispatcher.DispatchHandler): Handler {
    // DecoratorHandler adapts legacy handlers (onHeaders/onData) to the controller API.
    const inner = new DecoratorHandler(handler) as unknown as Handler;
    const chunks: Buffer[] = [];
    return {
      onRequestStart: (controller, context) => inner.onRequestStart(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) =>
        inner.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        exchange.status = status;
        return inner.onResponseStart(controller, status, headers, message);
      },
      onResponseData: (_controller, chunk) => {
        chunks.push(Buffer.from(chunk));
      },
      onResponseEnd: (controller, trailers) => {
        const text = Buffer.concat(chunks).toString('utf8');
        exchange.responseBody = text;
        const delivered = this.rewrite ? this.rewrite(exchange, text) : text;
        exchange.deliveredBody = delivered;
        this.onAnswer?.(exchange, delivered);
        if (delivered !== '') inner.onResponseData(controller, Buffer.from(delivered, 'utf8'));
        inner.onResponseEnd(controller, trailers);
      },
      onResponseError: (controller, error) => inner.onResponseError(controller, error),
    };
  }
}
