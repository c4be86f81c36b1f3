import { defaultStsLifetimeSeconds, issueStsKeys, stsDate } from '../alicloud/sts-keys';
import { cloudSsoRoleArn } from './cloud-sso-service';
import { bearerToken, logSignIn, type SignInCall, type SignInHandler } from './sign-in-call';
import { cloudSsoErrors } from './sign-in-errors';

/**
 * The CloudSSO portal of the CLI's `CloudSSO` profile mode (the user's sign-in URL, e.g.
 * `https://signin-xxxx.alibabacloudsso.com/...`, of which the CLI keeps only scheme and host;
 * here the emulator's one port), as aliyun-cli `cloudsso/refresh.go` calls it.
 */

/** The session name of the keys `/cloud-credentials` issues (GetCallerIdentity shows it). */
export const CLOUD_SSO_SESSION_NAME = 'cloudsso';

/** The JSON object body; an empty body counts as `{}`. */
function jsonFields(call: SignInCall): Record<string, unknown> {
  const text = call.exchange.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw cloudSsoErrors.badBody();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw cloudSsoErrors.badBody();
  }
  return parsed as Record<string, unknown>;
}

function requiredString(fields: Record<string, unknown>, field: string): string {
  const value = fields[field];
  if (value === undefined || value === '') throw cloudSsoErrors.missingField(field);
  if (typeof value !== 'string') throw cloudSsoErrors.invalidField(field);
  return value;
}

/**
 * `POST /cloud-credentials` with `Authorization: Bearer <access token>` and
 * `{AccountId, AccessConfigurationId}` -> `{RequestId, CloudCredential: {AccessKeyId,
 * AccessKeySecret, SecurityToken, Expiration}}`: STS keys of the access configuration's role
 * in the account, when the signed-in person is assigned it.
 */
export const cloudCredentials: SignInHandler = (call) => {
  if (call.exchange.method !== 'POST') throw cloudSsoErrors.methodNotAllowed();
  const token = bearerToken(call.exchange);
  if (token === undefined) throw cloudSsoErrors.missingToken();
  const check = call.cloudSso.check(token);
  if ('problem' in check) {
    throw check.problem === 'expired'
      ? cloudSsoErrors.expiredToken()
      : cloudSsoErrors.invalidToken();
  }
  const fields = jsonFields(call);
  const accountId = requiredString(fields, 'AccountId');
  const accessConfigurationId = requiredString(fields, 'AccessConfigurationId');
  const assignment = check.assignments.find(
    (a) => a.accountId === accountId && a.accessConfigurationId === accessConfigurationId,
  );
  if (!assignment) throw cloudSsoErrors.noPermission();
  const roleArn = cloudSsoRoleArn(assignment);
  const keys = issueStsKeys(call.keys, {
    roleArn,
    sessionName: CLOUD_SSO_SESSION_NAME,
    expiration: call.now + defaultStsLifetimeSeconds(call.options) * 1000,
  });
  logSignIn(call, roleArn);
  return {
    status: 200,
    body: {
      RequestId: call.exchange.requestId,
      CloudCredential: {
        AccessKeyId: keys.accessKeyId,
        AccessKeySecret: keys.accessKeySecret,
        SecurityToken: keys.securityToken,
        Expiration: stsDate(keys.expiration),
      },
    },
  };
};
