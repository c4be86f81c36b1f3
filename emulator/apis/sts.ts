import { missingField } from '../alicloud/errors';
import { verifyOidcToken } from '../alicloud/oidc-token';
import type { RpcContext, RpcHandler } from '../alicloud/rpc-context';
import { DEFAULT_STS_LIFETIME_SECONDS, issueStsKeys, stsDate } from '../alicloud/sts-keys';
import type { RamRole } from '../options';
import { WireError } from '../wire-error';
import { getCallerIdentity, roleIdOf, roleNameOf } from './sts-caller-identity';

/**
 * STS (`sts.aliyuncs.com`, version 2015-04-01): AssumeRole, signed by a key that the role
 * trusts, AssumeRoleWithOIDC, unsigned, proven by the OIDC token, and GetCallerIdentity
 * (sts-caller-identity.ts). Field names as in the
 * published model `sts-20150401` (aliyun/alibabacloud-typescript-sdk, `AssumeRoleRequest`,
 * `AssumeRoleWithOIDCRequest`, `...ResponseBodyCredentials`). The keys issued then work on
 * every other API until their `Expiration`, after which the gateway answers
 * `InvalidSecurityToken.Expired`.
 */
export const STS_VERSION = '2015-04-01';

const MIN_DURATION = 900;
const MAX_DURATION = 43200;
const DEFAULT_DURATION = DEFAULT_STS_LIFETIME_SECONDS;

function required(params: Record<string, string>, field: string): string {
  const value = params[field];
  if (value === undefined || value === '') throw missingField(field);
  return value;
}

function findRole(ctx: RpcContext, roleArn: string): RamRole {
  const role = ctx.options.ramRoles.find((r) => r.roleArn.toLowerCase() === roleArn.toLowerCase());
  if (!role) throw new WireError(404, 'EntityNotExist.Role', 'The specified Role not exists .');
  return role;
}

function notAuthorized(): WireError {
  return new WireError(
    403,
    'NoPermission',
    'You are not authorized to do this action. You should be authorized by RAM.',
  );
}

function durationOf(params: Record<string, string>, ctx: RpcContext): number {
  const requested =
    params.DurationSeconds === undefined ? DEFAULT_DURATION : Number(params.DurationSeconds);
  if (!Number.isInteger(requested) || requested < MIN_DURATION || requested > MAX_DURATION) {
    throw new WireError(
      400,
      'InvalidParameter.DurationSeconds',
      `The parameter DurationSeconds must be from ${MIN_DURATION} to ${MAX_DURATION}.`,
    );
  }
  return ctx.options.stsLifetimeSeconds ?? requested;
}

/** New keys for the role, registered with the gateway, in the shape of the response model. */
function issue(role: RamRole, params: Record<string, string>, ctx: RpcContext) {
  const sessionName = required(params, 'RoleSessionName');
  const expiration = ctx.now + durationOf(params, ctx) * 1000;
  const key = issueStsKeys(ctx.keys, { roleArn: role.roleArn, sessionName, expiration });
  // The role's account owns the keys (the default account when its ARN names none).
  const accountId = ctx.keys.find(key.accessKeyId)?.accountId ?? ctx.options.accountId;
  return {
    AssumedRoleUser: {
      Arn: `acs:ram::${accountId}:assumed-role/${roleNameOf(role.roleArn)}/${sessionName}`,
      AssumedRoleId: `${roleIdOf(role.roleArn)}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: key.accessKeyId,
      AccessKeySecret: key.accessKeySecret,
      SecurityToken: key.securityToken,
      Expiration: stsDate(expiration),
    },
  };
}

const assumeRole: RpcHandler = (params, ctx) => {
  const role = findRole(ctx, required(params, 'RoleArn'));
  const trusted = role.trustedAccessKeys ?? ctx.keys.ids();
  if (ctx.caller === undefined || !trusted.includes(ctx.caller)) throw notAuthorized();
  return issue(role, params, ctx);
};

const assumeRoleWithOidc: RpcHandler = (params, ctx) => {
  const providerArn = required(params, 'OIDCProviderArn');
  const provider = ctx.options.oidcProviders.find((p) => p.arn === providerArn);
  if (!provider) {
    throw new WireError(
      404,
      'EntityNotExist.OIDCProvider',
      'The specified OIDC provider does not exist.',
    );
  }
  const claims = verifyOidcToken(required(params, 'OIDCToken'), provider, ctx.now);
  const role = findRole(ctx, required(params, 'RoleArn'));
  if (role.trustedOidcProviders && !role.trustedOidcProviders.includes(providerArn)) {
    throw notAuthorized();
  }
  return {
    ...issue(role, params, ctx),
    OIDCTokenInfo: {
      Issuer: claims.iss,
      Subject: claims.sub,
      ClientIds: claims.aud.join(','),
      ExpirationTime: new Date(claims.exp * 1000).toISOString(),
      IssuanceTime:
        claims.iat === undefined ? undefined : new Date(claims.iat * 1000).toISOString(),
    },
  };
};

export const stsActions: Record<string, RpcHandler> = {
  AssumeRole: assumeRole,
  AssumeRoleWithOIDC: assumeRoleWithOidc,
  GetCallerIdentity: getCallerIdentity,
};

/** Actions the gateway serves without a signature: the OIDC token is the proof. */
export const ANONYMOUS_STS_ACTIONS: ReadonlySet<string> = new Set(['AssumeRoleWithOIDC']);
