import { WireError } from '../wire-error';

/**
 * Errors of the OAuth service (`oauth.aliyun.com`, `oauth.alibabacloud.com`), rendered as
 * `{error, error_description, requestId}`. `invalid_grant`, `unsupported_grant_type`,
 * `invalid_client`, `invalid_token` and `expired_token` are the codes the vendor's CLI and
 * credential libraries meet; the statuses of the requests they never make (a missing
 * header, another method, throttling) are the emulator's own choice.
 */
export const oauthErrors = {
  invalidRequest: (why: string) => new WireError(400, 'invalid_request', why),
  unsupportedGrantType: () =>
    new WireError(400, 'unsupported_grant_type', 'The grant_type must be refresh_token.'),
  invalidClient: () =>
    new WireError(400, 'invalid_client', 'The client_id is not an application of this service.'),
  invalidGrant: (problem: 'unknown' | 'used') =>
    new WireError(
      400,
      'invalid_grant',
      problem === 'used'
        ? 'The refresh token has already been used.'
        : 'The refresh token is invalid.',
    ),
  missingToken: () =>
    new WireError(400, 'invalid_request', 'The request carries no Bearer access token.'),
  invalidToken: () => new WireError(401, 'invalid_token', 'The access token is invalid.'),
  expiredToken: () => new WireError(401, 'expired_token', 'The access token is expired.'),
  methodNotAllowed: () => new WireError(405, 'invalid_request', 'Only POST is served here.'),
  throttled: () =>
    new WireError(429, 'too_many_requests', 'Request was denied due to user flow control.'),
  internal: () =>
    new WireError(
      500,
      'server_error',
      'The request processing has failed due to some unknown error.',
    ),
};

/**
 * Errors of the CloudSSO portal (`signin-<id>.alibabacloudsso.com`), rendered as
 * `{ErrorCode, ErrorMessage, RequestId}`. The vendor publishes no list for this endpoint:
 * every code here is the emulator's own choice.
 */
export const cloudSsoErrors = {
  missingToken: () =>
    new WireError(401, 'InvalidAccessToken', 'The request carries no Bearer access token.'),
  invalidToken: () => new WireError(401, 'InvalidAccessToken', 'The access token is invalid.'),
  expiredToken: () => new WireError(401, 'AccessTokenExpired', 'The access token is expired.'),
  badBody: () => new WireError(400, 'InvalidParameter', 'The request body must be a JSON object.'),
  missingField: (field: string) =>
    new WireError(400, `MissingParameter.${field}`, `The parameter ${field} is required.`),
  invalidField: (field: string) =>
    new WireError(400, `InvalidParameter.${field}`, `The parameter ${field} must be a string.`),
  noPermission: () =>
    new WireError(
      403,
      'NoPermission.AccessConfiguration',
      'You are not allowed to use this access configuration in this account.',
    ),
  methodNotAllowed: () => new WireError(405, 'MethodNotAllowed', 'Only POST is served here.'),
  throttled: () =>
    new WireError(429, 'Throttling.User', 'Request was denied due to user flow control.'),
  internal: () =>
    new WireError(
      500,
      'InternalError',
      'The request processing has failed due to some unknown error.',
    ),
};
