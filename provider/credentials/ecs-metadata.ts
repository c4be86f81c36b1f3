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
/** How metadata requests go out: tests inject a fake, so none ever leaves the machine. */
export type MetadataFetch = (request: MetadataRequest) => Promise<MetadataResponse>;

/** The platform's fetch; a short timeout, as off ECS nothing answers at that address. */
export const platformMetadataFetch: MetadataFetch = async (request) => {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  return { status: res.status, body: await res.text() };
};

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
    try {
      return await fetchMetadata({
        method,
        url: `${ECS_METADATA_ORIGIN}${path}`,
        headers,
        timeoutMs: TIMEOUT_MS,
      });
    } catch {
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message: `No ECS metadata service answered for ${source.origin}: this is not an ECS instance, or its metadata service is off. Configure credentials another way (see "Credentials" in the README), or set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to skip this step.`,
        operation: OPERATION,
      });
    }
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
