import { randomAlphanumeric } from '../ids';
import type { ResolvedOptions } from '../options';
import type { AccessKeyRegistry } from './access-keys';

/** The lifetime of STS keys when neither the caller nor `stsLifetimeSeconds` says otherwise. */
export const DEFAULT_STS_LIFETIME_SECONDS = 3600;

/** STS keys as issued: the key pair, its token, and when they stop working (epoch ms). */
export interface IssuedStsKeys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiration: number;
}

/**
 * New STS keys for a role, registered with the gateway so that every other API accepts them
 * until `expiration`; they belong to the account in the role's ARN (access-keys.ts).
 */
export function issueStsKeys(
  keys: AccessKeyRegistry,
  request: { roleArn: string; sessionName: string; expiration: number },
): IssuedStsKeys {
  const key = {
    accessKeyId: `STS.${randomAlphanumeric(21)}`,
    accessKeySecret: randomAlphanumeric(40),
    securityToken: `CAIS${randomAlphanumeric(60)}`,
    expiration: request.expiration,
  };
  keys.issue({ key, roleArn: request.roleArn, sessionName: request.sessionName });
  return key;
}

/** The lifetime of keys issued without a requested duration: `stsLifetimeSeconds`, else 1 h. */
export function defaultStsLifetimeSeconds(options: ResolvedOptions): number {
  return options.stsLifetimeSeconds ?? DEFAULT_STS_LIFETIME_SECONDS;
}

/** STS dates: ISO 8601 in UTC without milliseconds, `2026-12-06T10:00:00Z`. */
export function stsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
