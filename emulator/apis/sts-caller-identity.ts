import type { KnownKey } from '../alicloud/access-keys';
import type { RpcHandler } from '../alicloud/rpc-context';
import { stableNumericId } from '../ids';
import { WireError } from '../wire-error';

/**
 * STS GetCallerIdentity (version 2015-04-01, signed, no parameters): who the signing key is.
 * Field names of the published model `GetCallerIdentityResponseBody` (PyPI
 * `alibabacloud-sts20150401` 1.2.0, `models/_get_caller_identity_response_body.py`: AccountId,
 * Arn, IdentityType, PrincipalId, RequestId, RoleId, UserId). The ids are number-like and stable
 * per key and per role, as RAM's are; their values are our own.
 */

/** The name in a role ARN, `acs:ram::<account>:role/<name>`. */
export function roleNameOf(roleArn: string): string {
  return roleArn.replace(/^.*:role\//i, '');
}

/** RAM role ids are 18-digit numbers starting with 3 (`344584339364951186`). */
export function roleIdOf(roleArn: string): string {
  return stableNumericId('3', `role:${roleArn.toLowerCase()}`, 18);
}

/** RAM user ids are 16-digit numbers starting with 2; one user per key here. */
function userIdOf(accountId: string, accessKeyId: string): string {
  return stableNumericId('2', `user:${accountId}:${accessKeyId}`, 16);
}

/** The response body, without RequestId, for a key the gateway has accepted. */
export function callerIdentity(accessKeyId: string, key: KnownKey): Record<string, string> {
  if (key.roleArn !== undefined) {
    const roleId = roleIdOf(key.roleArn);
    const session = key.sessionName ?? accessKeyId;
    const principalId = `${roleId}:${session}`;
    return {
      AccountId: key.accountId,
      Arn: `acs:ram::${key.accountId}:assumed-role/${roleNameOf(key.roleArn)}/${session}`,
      IdentityType: 'AssumedRoleUser',
      PrincipalId: principalId,
      UserId: principalId,
      RoleId: roleId,
    };
  }
  // Configured keys, STS credentials from `stsTokens` included (their role is not known), are
  // answered as RAM users named after the key.
  const userId = userIdOf(key.accountId, accessKeyId);
  return {
    AccountId: key.accountId,
    Arn: `acs:ram::${key.accountId}:user/${accessKeyId}`,
    IdentityType: 'RAMUser',
    PrincipalId: userId,
    UserId: userId,
  };
}

export const getCallerIdentity: RpcHandler = (_params, ctx) => {
  const key = ctx.caller === undefined ? undefined : ctx.keys.find(ctx.caller);
  // The gateway authenticates this action, so a key is always known; this guards the types.
  if (ctx.caller === undefined || key === undefined) {
    throw new WireError(400, 'MissingAccessKeyId', 'AccessKeyId is mandatory for this action.');
  }
  return callerIdentity(ctx.caller, key);
};
