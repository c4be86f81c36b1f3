import { request as undiciRequest, type Dispatcher } from 'undici';
import { envFlag } from './env-flag';
import { ChatOpsError } from '../errors';
import { ecsMetadataDisabled } from './resolve-source';
import type { EcsRamRoleSource } from './source';
import { readTemporaryCredentials, type TemporaryCredentials } from './temporary-credentials';

/**
 * The ECS instance metadata service: fixed, link-local, reachable only from inside an instance
 * (https://www.alibabacloud.com/help/en/ecs/user-guide/attach-an-instance-ram-role-to-an-ecs-instance).
 */
export const ECS_METADATA_ORIGIN = 'http://100.100.100.200';
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';
const OPERATION = 'ecs:metadata/ram/security-credentials';

export interface MetadataRequest {
  method: 'GET' | 'PUT';
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}
export interface MetadataResponse {
  status: number;
  body: string;
}
/**
 * How metadata requests go out: tests inject a fake, so none ever leaves the machine. A fetch
 * returns a redirect as it is, never following it, and throws {@link MetadataAnswerTooLarge}
 * rather than read more than {@link MAX_METADATA_BODY_BYTES}.
 */
export type MetadataFetch = (request: MetadataRequest) => Promise<MetadataResponse>;

/**
 * The largest metadata answer read, in bytes. The credentials answer is about 2 KB (its STS
 * security token is most of it), the role name and the session token far less: anything
 * bigger is no answer of the metadata service, and reading it all would let whatever answers
 * at that address fill the provider's memory.
 */
export const MAX_METADATA_BODY_BYTES = 8 * 1024;

/** An answer longer than {@link MAX_METADATA_BODY_BYTES}: reading stopped there. */
export class MetadataAnswerTooLarge extends Error {
  constructor() {
    super(`metadata answer larger than ${MAX_METADATA_BODY_BYTES} bytes`);
    this.name = 'MetadataAnswerTooLarge';
  }
}

/**
 * Requests through undici's `request`, which follows no redirect (the platform's fetch follows
 * up to 20): a 3xx comes back as it is and {@link ecsRoleCredentials} refuses it, rather than
 * sending the session token header wherever a `Location` points. A short timeout, as off ECS
 * nothing answers at that address.
 */
export const platformMetadataFetch: MetadataFetch = async (request) => {
  const res = await undiciRequest(request.url, {
    method: request.method,
    headers: request.headers,
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  if (res.statusCode >= 300 && res.statusCode < 400) {
    abandon(res.body);
    return { status: res.statusCode, body: '' };
  }
  return { status: res.statusCode, body: await readAtMost(res, MAX_METADATA_BODY_BYTES) };
};

/**
 * The body as text, stopping as soon as it passes `maxBytes` (or announces more), so an
 * endless answer costs at most `maxBytes` plus one chunk of memory.
 */
async function readAtMost(res: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
  if (Number(res.headers['content-length']) > maxBytes) {
    abandon(res.body);
    throw new MetadataAnswerTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      abandon(res.body);
      throw new MetadataAnswerTooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Closes an answer unread; undici reports that as an abort error, expected here. */
function abandon(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

const TIMEOUT_MS = 1000;
/** The lifetime asked for the IMDSv2 session token: six hours, as the vendor's chains ask. */
export const METADATA_TOKEN_TTL_SECONDS = 21600;

/** Hardened instances: no request without a session token (the vendor's variable). */
function imdsV1Disabled(env: NodeJS.ProcessEnv): boolean {
  return envFlag(env, 'ALIBABA_CLOUD_IMDSV1_DISABLED');
}

/**
 * The instance role's temporary keys: IMDSv2 session token first (hardened mode refuses
 * requests without one), then the role name (when not configured) and its keys.
 */
export async function ecsRoleCredentials(
  source: EcsRamRoleSource,
  fetchMetadata: MetadataFetch,
  env: NodeJS.ProcessEnv,
): Promise<TemporaryCredentials> {
  if (ecsMetadataDisabled(env)) {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `${source.origin} needs the ECS metadata service, which ALIBABA_CLOUD_ECS_METADATA_DISABLED=true turns off; unset that variable on an ECS instance, or configure other credentials.`,
      operation: OPERATION,
    });
  }
  const call = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>) => {
    let res: MetadataResponse;
    try {
      res = await fetchMetadata({
        method,
        url: `${ECS_METADATA_ORIGIN}${path}`,
        headers,
        timeoutMs: TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof MetadataAnswerTooLarge) {
        throw new ChatOpsError({
          code: 'REMOTE_ERROR',
          message: `The ECS metadata service answered more than ${MAX_METADATA_BODY_BYTES} bytes for ${method} ${path} (${source.origin}); its answers are far shorter, so it was not read further. Check what answers at ${ECS_METADATA_ORIGIN} (a proxy?), or configure credentials another way.`,
          operation: OPERATION,
        });
      }
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message: `No ECS metadata service answered for ${source.origin}: this is not an ECS instance, or its metadata service is off. Configure credentials another way (see "Credentials" in the README), or set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to skip this step.`,
        operation: OPERATION,
      });
    }
    // The metadata service never redirects; following one would hand the session token, or
    // take credentials, from wherever the redirect points.
    if (res.status >= 300 && res.status < 400) {
      throw new ChatOpsError({
        code: 'REMOTE_ERROR',
        message: `The ECS metadata service answered ${method} ${path} with a redirect (HTTP ${res.status}) for ${source.origin}, which is not followed: the metadata service does not redirect. Check what answers at ${ECS_METADATA_ORIGIN} (a proxy?), or configure credentials another way.`,
        operation: OPERATION,
        httpStatus: res.status,
      });
    }
    return res;
  };
  const session = await call('PUT', '/latest/api/token', {
    'X-aliyun-ecs-metadata-token-ttl-seconds': String(METADATA_TOKEN_TTL_SECONDS),
  });
  if (session.status !== 200 && imdsV1Disabled(env)) {
    throw new ChatOpsError({
      code: 'AUTH_FAILED',
      message: `The ECS metadata service gave no session token (HTTP ${session.status}) for ${source.origin}, and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids asking without one (IMDSv1). Enable IMDSv2 on the instance, or unset that variable.`,
      operation: OPERATION,
      httpStatus: session.status,
    });
  }
  const headers: Record<string, string> =
    session.status === 200 ? { 'X-aliyun-ecs-metadata-token': session.body.trim() } : {};
  let roleName = source.roleName;
  if (!roleName) {
    const listed = await call('GET', CREDENTIALS_PATH, headers);
    roleName = listed.status === 200 ? listed.body.split('\n')[0].trim() : '';
    if (!roleName) {
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message:
          'The ECS instance has no RAM role attached: attach one, or configure credentials another way (see "Credentials" in the README).',
        operation: OPERATION,
      });
    }
  }
  const res = await call('GET', `${CREDENTIALS_PATH}${encodeURIComponent(roleName)}`, headers);
  if (res.status !== 200) {
    throw new ChatOpsError({
      code: 'AUTH_FAILED',
      message: `The ECS metadata service answered HTTP ${res.status} for the role "${roleName}" (${source.origin}): check that this role is attached to the instance.`,
      operation: OPERATION,
      httpStatus: res.status,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return readTemporaryCredentials(body, { operation: OPERATION, from: 'the ECS metadata service' });
}
