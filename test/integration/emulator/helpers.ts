import { createHash, randomUUID } from 'node:crypto';
import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { request } from 'undici';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';

/**
 * Test helpers: the vendors' own clients pointed at the emulator, and raw requests signed
 * with the vendor runtime's signer (an oracle independent of the emulator's verifier).
 */
export const OOS_VERSION = '2019-06-01';
export const SAS_VERSION = '2018-12-03';

export interface AlicloudClientOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  /** `'v2'` makes @alicloud/openapi-core sign with legacy V1 HMAC-SHA1; default V3. */
  signatureAlgorithm?: 'v2';
}

export function alicloudClient(emu: RunningEmulator, options: AlicloudClientOptions = {}) {
  return new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: options.accessKeyId ?? 'test',
      accessKeySecret: options.accessKeySecret ?? 'test',
      securityToken: options.securityToken,
      signatureAlgorithm: options.signatureAlgorithm,
      protocol: 'http',
      endpoint: `127.0.0.1:${emu.port}`,
    }),
  );
}

export type RpcBody = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One RPC call, parameters flattened into the query the way generated SDKs send them. */
export async function rpc(
  client: OpenApi,
  action: string,
  query: Record<string, unknown>,
  version = action.includes('DingTalk') ? SAS_VERSION : OOS_VERSION,
): Promise<RpcBody> {
  const response = await client.callApi(
    new $OpenApiUtil.Params({
      action,
      version,
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    }),
    new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) }),
    new $dara.RuntimeOptions({}),
  );
  return response.body as RpcBody;
}

/**
 * Starts an emulator with `options` before a file's tests and hands it, with an Alibaba Cloud
 * client of it, to `started`; resets it before each test and stops it after the last.
 */
export function useAlicloudEmulator(
  options: EmulatorOptions | undefined,
  started: (emu: RunningEmulator, client: ReturnType<typeof alicloudClient>) => void,
): void {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator(options);
    started(emu, alicloudClient(emu));
  });

  beforeEach(() => emu?.reset());

  afterAll(async () => {
    await emu?.stop();
  });
}

export interface CaughtError {
  code?: string;
  statusCode?: number;
  message: string;
  data?: RpcBody;
}

/** The error a call fails with (fails the test if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<CaughtError> {
  try {
    await call;
  } catch (error) {
    return error as CaughtError;
  }
  throw new Error('expected the call to fail');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function acsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function encodeQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export interface RawV3Request {
  action: string;
  version?: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  date?: string;
  nonce?: string;
  /** Hash to declare instead of the body's own. */
  declaredBodyHash?: string;
  /** Change the request after signing, to tamper with it. */
  afterSigning?: (req: { query: Record<string, string>; headers: Record<string, string> }) => void;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: RpcBody;
}

async function read(res: Awaited<ReturnType<typeof request>>): Promise<RawResponse> {
  const text = await res.body.text();
  let json: RpcBody = {};
  try {
    json = JSON.parse(text) as RpcBody;
  } catch {
    // not JSON (ban page): tests read `text`
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** Builds and signs a V3 request with @alicloud/openapi-core's getAuthorization. */
export function signV3(emu: RunningEmulator, spec: RawV3Request) {
  const body = spec.body ?? '';
  const query = { ...spec.query };
  const headers: Record<string, string> = {
    host: `127.0.0.1:${emu.port}`,
    'x-acs-action': spec.action,
    'x-acs-version': spec.version ?? OOS_VERSION,
    'x-acs-date': spec.date ?? acsTimestamp(Date.now()),
    'x-acs-signature-nonce': spec.nonce ?? randomUUID(),
    'x-acs-content-sha256': spec.declaredBodyHash ?? sha256Hex(body),
  };
  if (spec.contentType) headers['content-type'] = spec.contentType;
  const signed = new $dara.Request();
  signed.method = 'POST';
  signed.pathname = '/';
  signed.query = query;
  signed.headers = headers;
  headers.Authorization = OpenApiUtil.getAuthorization(
    signed,
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256'],
    spec.accessKeyId ?? 'test',
    spec.accessKeySecret ?? 'test',
  );
  spec.afterSigning?.({ query, headers });
  return { query, headers, body };
}

export async function sendSigned(
  emu: RunningEmulator,
  signed: { query: Record<string, string>; headers: Record<string, string>; body: string },
): Promise<RawResponse> {
  const { host: _host, ...headers } = signed.headers; // undici sets Host itself
  return read(
    await request(`${emu.url}/?${encodeQuery(signed.query)}`, {
      method: 'POST',
      headers,
      body: signed.body === '' ? undefined : signed.body,
    }),
  );
}

export async function sendV3(emu: RunningEmulator, spec: RawV3Request): Promise<RawResponse> {
  return sendSigned(emu, signV3(emu, spec));
}

/** A legacy V1 request signed with @alicloud/openapi-core's getRPCSignature. */
export async function sendV1(
  emu: RunningEmulator,
  spec: {
    action: string;
    version?: string;
    params?: Record<string, string>;
    accessKeyId?: string;
    accessKeySecret?: string;
    timestamp?: string;
    afterSigning?: (query: Record<string, string>) => void;
  },
): Promise<RawResponse> {
  const query: Record<string, string> = {
    Action: spec.action,
    Format: 'json',
    Version: spec.version ?? OOS_VERSION,
    Timestamp: spec.timestamp ?? acsTimestamp(Date.now()),
    SignatureNonce: randomUUID(),
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: spec.accessKeyId ?? 'test',
    ...spec.params,
  };
  query.Signature = OpenApiUtil.getRPCSignature(query, 'POST', spec.accessKeySecret ?? 'test');
  spec.afterSigning?.(query);
  return read(await request(`${emu.url}/?${encodeQuery(query)}`, { method: 'POST' }));
}

/** A raw HTTP call (DingTalk APIs, control API). */
export async function http(
  emu: RunningEmulator,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<RawResponse> {
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  // The control API takes writes only as JSON, bodiless ones included (control-guard.ts).
  const controlWrite = path.startsWith('/_emulator/') && method !== 'GET';
  return read(
    await request(`${emu.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined || controlWrite ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body,
    }),
  );
}

export async function dingtalkToken(
  emu: RunningEmulator,
  app = { appKey: 'test', appSecret: 'test' },
): Promise<string> {
  const res = await http(emu, 'POST', '/v1.0/oauth2/accessToken', { body: app });
  if (res.status !== 200) throw new Error(`token request failed: ${res.text}`);
  return res.json.accessToken as string;
}

/** A DingTalk new-API call with the token header. */
export function dingtalkApi(emu: RunningEmulator, path: string, token: string, body: unknown) {
  return http(emu, 'POST', path, { body, headers: { 'x-acs-dingtalk-access-token': token } });
}

/** A DingTalk old-API call with `?access_token=`. */
export function oapi(
  emu: RunningEmulator,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  options: { query?: Record<string, string>; body?: unknown } = {},
) {
  const query = encodeQuery({ ...options.query, access_token: token });
  return http(emu, method, `${path}?${query}`, { body: options.body });
}

/** A clock tests move by hand. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
