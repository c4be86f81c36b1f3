import { asString, isObject, tryParseJson } from '../clients/parse';
import { ChatOpsError } from '../errors';
import type { HttpLayer } from '../http/http-layer';
import { registerSecret } from '../http/redact';
import { configurationError } from './config-input';
import { type CliProfile, readProfileFile } from './profile-file';
import type { TemporaryCredentials } from './temporary-credentials';

/** As the vendor's chains wait for the OAuth and CloudSSO services (5 s connect, 10 s read). */
export const SIGN_IN_TIMEOUT_MS = 10_000;

/** One POST to a sign-in service, sent once: a repeated token refresh would burn the token. */
export async function postToSignIn(
  http: HttpLayer,
  request: { url: string; headers: Record<string, string>; body?: string; operation: string },
): Promise<{ status: number; body: Record<string, unknown>; requestId?: string }> {
  const res = await http.send({
    url: request.url,
    method: 'POST',
    headers: { accept: 'application/json', ...request.headers },
    body: request.body,
    timeoutMs: SIGN_IN_TIMEOUT_MS,
    operation: request.operation,
  });
  const parsed = tryParseJson(res.body);
  const body = isObject(parsed) ? parsed : {};
  const header = res.headers['x-acs-request-id'];
  const requestId =
    asString(body.requestId) ??
    asString(body.RequestId) ??
    (typeof header === 'string' ? header : undefined);
  return { status: res.status, body, requestId };
}

/**
 * The failure of a sign-in call: the service's error code (`error` of OAuth, `ErrorCode` of
 * CloudSSO) and request id, never the body, which may repeat a token.
 */
export function signInFailure(
  what: string,
  answer: { status: number; body: Record<string, unknown>; requestId?: string },
  advice: string,
  operation: string,
): ChatOpsError {
  const remoteCode = asString(answer.body.error) ?? asString(answer.body.ErrorCode);
  return new ChatOpsError({
    code: answer.status >= 500 ? 'REMOTE_UNAVAILABLE' : 'AUTH_FAILED',
    message: `${what} was answered HTTP ${answer.status}${remoteCode ? ` ${remoteCode}` : ''}${answer.requestId ? ` (request id ${answer.requestId})` : ''}. ${advice}`,
    remoteCode,
    requestId: answer.requestId,
    httpStatus: answer.status,
    retryable: answer.status >= 500,
    operation,
  });
}

/**
 * Temporary keys in either spelling the vendors' readers of a sign-in answer use: camelCase
 * (`accessKeyId`, the CLI's and the Node chain's reading of OAuth's exchange) or PascalCase
 * (`AccessKeyId`, CloudSSO's and the Python chain's). Secrets are registered for redaction
 * before anything else sees them.
 */
export function keysOfAnswer(
  fields: Record<string, unknown>,
  malformed: () => ChatOpsError,
): TemporaryCredentials {
  const pick = (camel: string, pascal: string) =>
    asString(fields[camel]) ?? asString(fields[pascal]);
  const accessKeySecret = pick('accessKeySecret', 'AccessKeySecret');
  const securityToken = pick('securityToken', 'SecurityToken');
  registerSecret(accessKeySecret, 'credential');
  registerSecret(securityToken, 'credential');
  const accessKeyId = pick('accessKeyId', 'AccessKeyId');
  const expiresAt = Date.parse(pick('expiration', 'Expiration') ?? '');
  if (!accessKeyId || !accessKeySecret || !securityToken || Number.isNaN(expiresAt)) {
    throw malformed();
  }
  return { accessKeyId, accessKeySecret, securityToken, expiresAt };
}

export interface StoredKeyReuse {
  /** Keys are reused while they stay valid this long. */
  forMs: number;
  /** Keys a remote refused during this run are not reused, however long they seem to live. */
  rejected: (accessKeyId: string) => boolean;
}

/**
 * The STS keys a profile holds from an earlier exchange (the CLI keeps them in `access_key_id`,
 * `access_key_secret`, `sts_token` and `sts_expiration`), when they stay valid long enough:
 * reusing them, as the CLI does, keeps one identity across runs and spares a call.
 */
export function storedKeys(
  profile: CliProfile,
  now: number,
  reuse: StoredKeyReuse,
): TemporaryCredentials | undefined {
  const { access_key_id: id, access_key_secret: secret, sts_token: token } = profile;
  const expiresAt =
    typeof profile.sts_expiration === 'number' ? profile.sts_expiration * 1000 : NaN;
  if (!id || !secret || !token || !(expiresAt - now > reuse.forMs) || reuse.rejected(id)) {
    return undefined;
  }
  registerSecret(secret, 'credential');
  registerSecret(token, 'credential');
  return { accessKeyId: id, accessKeySecret: secret, securityToken: token, expiresAt };
}

/**
 * The profile as the file holds it now, in the mode it had when the chain chose it: a user
 * who signs in again between two exchanges is picked up without a restart.
 */
export function currentProfile(
  source: { file: string; profileName: string; origin: string },
  mode: string,
): CliProfile {
  const config = readProfileFile(source.file, 'the profile file');
  const profile = (Array.isArray(config?.profiles) ? (config?.profiles ?? []) : []).find(
    (p) => p.name === source.profileName,
  );
  if (!profile || (profile.mode ?? 'AK') !== mode) {
    throw configurationError(
      `The ${source.origin} is no longer a profile of mode ${mode}; it was changed during the run. Run the command again.`,
    );
  }
  registerSecret(profile.oauth_access_token, 'credential');
  registerSecret(profile.oauth_refresh_token, 'credential');
  registerSecret(profile.access_token, 'credential');
  return profile;
}
