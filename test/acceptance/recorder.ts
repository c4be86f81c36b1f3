import { Agent, type Dispatcher } from 'undici';
import { assertAllowedOrigin } from './loopback-guard';
import { shapeOf, shapeOfText, type Shape } from './shape';

/** One HTTP exchange as the report keeps it: what was called and the shapes, never values. */
export interface RecordedCall {
  /** `oos:CreateChatConfiguration`, `group-chats:chat/get`, ... */
  operation: string;
  request: { query: Shape; body: Shape | null };
  /** `null` when no answer came (a transport failure). */
  status: number | null;
  response: Shape | null;
  /**
   * The remote code of an error answer (Alibaba Cloud `Code`, DingTalk `code` or a non-zero
   * `errcode`): a vendor's word, never a secret, kept so that the report can list which codes
   * the services really answer (the not-found codes above all).
   */
  errorCode?: string;
}

/** Alibaba Cloud RPC names its API by version; the family names follow the emulator's. */
const RPC_FAMILIES: Record<string, string> = {
  '2019-06-01': 'oos',
  '2018-12-03': 'security-center',
};

/**
 * An undici dispatcher for the clients' `dispatcher` option: it refuses non-loopback origins
 * unless opted in, then records every exchange's operation and shapes.
 */
export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  readonly dispatcher: Dispatcher;
  private readonly agent = new Agent();

  constructor(optedIn: boolean) {
    this.dispatcher = this.agent.compose((dispatch) => (opts, handler) => {
      assertAllowedOrigin(String(opts.origin ?? ''), optedIn);
      const call = describeRequest(opts);
      const chunks: Buffer[] = [];
      const finish = (status: number | null, body: string | null) => {
        const errorCode = body === null ? undefined : errorCodeOf(status, body);
        this.calls.push({
          ...call,
          status,
          response: body === null ? null : shapeOfText(body),
          ...(errorCode !== undefined ? { errorCode } : {}),
        });
      };
      let status = 0;
      return dispatch(opts, {
        onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
        onRequestUpgrade: (controller, code, headers, socket) =>
          handler.onRequestUpgrade?.(controller, code, headers, socket),
        onResponseStart: (controller, code, headers, message) => {
          status = code;
          return handler.onResponseStart?.(controller, code, headers, message);
        },
        onResponseData: (controller, chunk) => {
          chunks.push(Buffer.from(chunk));
          return handler.onResponseData?.(controller, chunk);
        },
        onResponseEnd: (controller, trailers) => {
          finish(status, Buffer.concat(chunks).toString('utf8'));
          return handler.onResponseEnd?.(controller, trailers);
        },
        onResponseError: (controller, error) => {
          finish(status || null, null);
          return handler.onResponseError?.(controller, error);
        },
      });
    });
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The remote code of an error answer, if the body names one. */
export function errorCodeOf(status: number | null, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const fields = parsed as Record<string, unknown>;
  const errcode = fields.errcode;
  if (typeof errcode === 'number' && errcode !== 0) return String(errcode);
  if (status === null || status < 400) return undefined;
  const code = fields.Code ?? fields.code;
  return typeof code === 'string' && code !== '' ? code : '(no code)';
}

function describeRequest(
  opts: Dispatcher.DispatchOptions,
): Omit<RecordedCall, 'status' | 'response'> {
  const url = new URL(opts.path, 'http://recorded.invalid');
  const headers = headerMap(opts.headers);
  const action = headers['x-acs-action'];
  const operation = action
    ? `${RPC_FAMILIES[headers['x-acs-version'] ?? ''] ?? 'alicloud'}:${action}`
    : dingTalkOperation(url.pathname);
  // Query parameters travel as strings; names are the contract (values may be secrets).
  const query: Record<string, string> = {};
  for (const name of url.searchParams.keys()) query[name] = url.searchParams.get(name) ?? '';
  const body = typeof opts.body === 'string' && opts.body !== '' ? shapeOfText(opts.body) : null;
  return { operation, request: { query: shapeOf(query), body } };
}

function dingTalkOperation(path: string): string {
  const name = path.replace(/^\/v1\.0\//, '').replace(/^\//, '');
  if (name.startsWith('oauth2/') || name === 'gettoken') return `dingtalk-tokens:${name}`;
  if (name.startsWith('robot/')) return `robot-plugins:${name}`;
  if (name.startsWith('chat/')) return `group-chats:${name}`;
  return `dingtalk:${name}`;
}

function headerMap(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const pairs: Array<[string, unknown]> = Array.isArray(headers)
    ? pairsOf(headers as unknown[])
    : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of pairs) out[name.toLowerCase()] = String(value);
  return out;
}

function pairsOf(flat: unknown[]): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([String(flat[i]), flat[i + 1]]);
  return pairs;
}
