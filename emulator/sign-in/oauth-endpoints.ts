import { defaultStsLifetimeSeconds, issueStsKeys, stsDate } from '../alicloud/sts-keys';
import { headerValue } from '../http/exchange';
import { pairsToRecord, parseParamPairs } from '../http/query-string';
import { bearerToken, logSignIn, type SignInCall, type SignInHandler } from './sign-in-call';
import { oauthErrors } from './sign-in-errors';

/**
 * The OAuth service of the CLI's `OAuth` profile mode (`https://oauth.aliyun.com` for the CN
 * site, `https://oauth.alibabacloud.com` for INTL; here the emulator's one port): renew an
 * access token from the refresh token, and trade an access token for STS keys. As aliyun-cli
 * (`config/configure.go`) and the vendor's credential libraries call it.
 */

/** The CLI's OAuth applications: `client_id` of the CN and the INTL site. */
export const OAUTH_CLIENT_IDS: Readonly<Record<'CN' | 'INTL', string>> = {
  CN: '4038181954557748008',
  INTL: '4103531455503354461',
};

/** The session name of the keys `/v1/exchange` issues (GetCallerIdentity shows it). */
export const OAUTH_SESSION_NAME = 'oauth';

function requirePost(call: SignInCall): void {
  if (call.exchange.method !== 'POST') throw oauthErrors.methodNotAllowed();
}

/** The form body (`application/x-www-form-urlencoded`); anything else carries no fields. */
function formFields(call: SignInCall): Record<string, string> {
  const contentType = headerValue(call.exchange.headers, 'content-type') ?? '';
  if (!contentType.includes('application/x-www-form-urlencoded')) return {};
  const pairs = parseParamPairs(call.exchange.body.toString('utf8'));
  if (pairs === undefined) throw oauthErrors.invalidRequest('The form body is not valid.');
  return pairsToRecord(pairs);
}

/**
 * `POST /v1/token` with `grant_type=refresh_token&refresh_token=..&client_id=..` ->
 * `{access_token, refresh_token, expires_in, token_type: "Bearer"}`. The refresh token
 * rotates: the one sent stops working, the one answered replaces it.
 */
export const oauthToken: SignInHandler = (call) => {
  requirePost(call);
  const fields = formFields(call);
  if (!fields.grant_type) {
    throw oauthErrors.invalidRequest('The parameter grant_type is required.');
  }
  if (fields.grant_type !== 'refresh_token') throw oauthErrors.unsupportedGrantType();
  if (!Object.values(OAUTH_CLIENT_IDS).includes(fields.client_id ?? '')) {
    throw oauthErrors.invalidClient();
  }
  if (!fields.refresh_token) {
    throw oauthErrors.invalidRequest('The parameter refresh_token is required.');
  }
  const renewal = call.oauth.renew(fields.refresh_token);
  if ('problem' in renewal) throw oauthErrors.invalidGrant(renewal.problem);
  logSignIn(call, renewal.roleArn);
  return {
    status: 200,
    body: {
      access_token: renewal.accessToken,
      refresh_token: renewal.refreshToken,
      expires_in: renewal.expiresIn,
      token_type: 'Bearer',
    },
  };
};

/**
 * `POST /v1/exchange` with `Authorization: Bearer <access token>` ->
 * `{requestId, accessKeyId, accessKeySecret, securityToken, expiration}`: STS keys of the
 * sign-in's role, valid on every other API until `expiration`.
 */
export const oauthExchange: SignInHandler = (call) => {
  requirePost(call);
  const token = bearerToken(call.exchange);
  if (token === undefined) throw oauthErrors.missingToken();
  const check = call.oauth.check(token);
  if ('problem' in check) {
    throw check.problem === 'expired' ? oauthErrors.expiredToken() : oauthErrors.invalidToken();
  }
  const keys = issueStsKeys(call.keys, {
    roleArn: check.roleArn,
    sessionName: OAUTH_SESSION_NAME,
    expiration: call.now + defaultStsLifetimeSeconds(call.options) * 1000,
  });
  logSignIn(call, check.roleArn);
  return {
    status: 200,
    body: {
      requestId: call.exchange.requestId,
      accessKeyId: keys.accessKeyId,
      accessKeySecret: keys.accessKeySecret,
      securityToken: keys.securityToken,
      expiration: stsDate(keys.expiration),
    },
  };
};
