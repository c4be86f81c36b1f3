import { asNumber, asString } from '../clients/parse';
import { ChatOpsError } from '../errors';
import type { HttpLayer } from '../http/http-layer';
import { registerSecret } from '../http/redact';
import type { CliProfile } from './profile-file';
import { updateCliProfile } from './profile-write-back';
import {
  currentProfile,
  keysOfAnswer,
  postToSignIn,
  signInFailure,
  type StoredKeyReuse,
  storedKeys,
} from './sign-in-exchange';
import type { OAuthProfileSource } from './source';
import type { TemporaryCredentials } from './temporary-credentials';

/** The access token is renewed when it has this little left, as the vendor's chains do. */
export const OAUTH_ACCESS_TOKEN_MARGIN_S = 1200;
/** The lifetime of a renewed access token when the answer gives none (vendor's default). */
const DEFAULT_EXPIRES_IN_S = 3600;
const REFRESH = 'credentials:OAuth/token';
const EXCHANGE = 'credentials:OAuth/exchange';

export interface OAuthContext {
  http: HttpLayer;
  /** When the keys the profile holds are reused. */
  reuse: StoredKeyReuse;
  /** Where a write-back that failed is reported (the credentials were still obtained). */
  warn: (line: string) => void;
}

/**
 * The STS keys of an `OAuth` CLI profile, as the CLI and the vendor's chains obtain them:
 *
 * 1. the keys the profile holds from an earlier exchange, while they stay valid;
 * 2. else, when the access token is missing or expires within 20 minutes, a new one from the
 *    refresh token (`POST /v1/token`, `grant_type=refresh_token`), written back to the profile
 *    at once: the service rotates the refresh token, so the old one is dead from then on, and
 *    the user's CLI needs the new one;
 * 3. the access token exchanged for STS keys (`POST /v1/exchange`), written back as the CLI
 *    writes them.
 *
 * Tokens and keys are never logged or quoted; messages name the profile and the file.
 */
export async function oauthCredentials(
  source: OAuthProfileSource,
  context: OAuthContext,
): Promise<TemporaryCredentials> {
  const now = context.http.clock.now();
  const profile = currentProfile(source, 'OAuth');
  const stored = storedKeys(profile, now, context.reuse);
  if (stored) return stored;

  let accessToken = profile.oauth_access_token;
  const expire = profile.oauth_access_token_expire ?? 0;
  if (
    profile.oauth_refresh_token &&
    (!accessToken || expire - now / 1000 <= OAUTH_ACCESS_TOKEN_MARGIN_S)
  ) {
    const tokens = await refreshTokens(source, profile.oauth_refresh_token, now, context);
    accessToken = tokens.oauth_access_token;
    writeBack(source, tokens, context);
  } else if (!accessToken || expire <= now / 1000) {
    throw signInAgain(source, 'its access token has expired and it holds no refresh token');
  }

  const answer = await postToSignIn(context.http, {
    url: `${source.signInUrl}/v1/exchange`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    operation: EXCHANGE,
  });
  if (answer.status !== 200 || answer.body.error !== undefined) {
    throw signInFailure(
      `The exchange of the OAuth access token of the ${source.origin} for STS keys`,
      answer,
      `Sign in again with "${reLogin(source)}".`,
      EXCHANGE,
    );
  }
  const keys = keysOfAnswer(answer.body, () =>
    malformed(
      source,
      'the exchange answer lacks accessKeyId, accessKeySecret, securityToken or expiration',
    ),
  );
  writeBack(
    source,
    {
      access_key_id: keys.accessKeyId,
      access_key_secret: keys.accessKeySecret,
      sts_token: keys.securityToken,
      sts_expiration: Math.floor(keys.expiresAt / 1000),
    },
    context,
  );
  return keys;
}

async function refreshTokens(
  source: OAuthProfileSource,
  refreshToken: string,
  now: number,
  context: OAuthContext,
): Promise<
  Required<
    Pick<CliProfile, 'oauth_access_token' | 'oauth_refresh_token' | 'oauth_access_token_expire'>
  >
> {
  const answer = await postToSignIn(context.http, {
    url: `${source.signInUrl}/v1/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: source.clientId,
    }).toString(),
    operation: REFRESH,
  });
  if (answer.status !== 200) {
    throw signInFailure(
      `The renewal of the OAuth access token of the ${source.origin}`,
      answer,
      `The sign-in may have ended; sign in again with "${reLogin(source)}".`,
      REFRESH,
    );
  }
  const accessToken = asString(answer.body.access_token);
  const newRefreshToken = asString(answer.body.refresh_token);
  registerSecret(accessToken, 'credential');
  registerSecret(newRefreshToken, 'credential');
  if (!accessToken || !newRefreshToken) {
    throw malformed(source, 'the token answer lacks access_token or refresh_token');
  }
  const expiresIn = asNumber(answer.body.expires_in) ?? DEFAULT_EXPIRES_IN_S;
  return {
    oauth_access_token: accessToken,
    oauth_refresh_token: newRefreshToken,
    oauth_access_token_expire: Math.floor(now / 1000) + expiresIn,
  };
}

/**
 * Saves what the service rotated. A failure does not stop this run (the keys are in hand),
 * as in the vendor's chains; the warning says what the user's CLI will lack.
 */
function writeBack(source: OAuthProfileSource, fields: Partial<CliProfile>, context: OAuthContext) {
  try {
    if (!updateCliProfile(source.file, source.profileName, fields)) {
      context.warn(
        `The ${source.origin} disappeared before its renewed OAuth tokens could be saved; sign in again with "${reLogin(source)}".`,
      );
    }
  } catch (error) {
    context.warn(
      `The renewed OAuth tokens of the ${source.origin} could not be saved (${(error as NodeJS.ErrnoException).code ?? 'error'}); the CLI will ask you to sign in again ("${reLogin(source)}").`,
    );
  }
}

function reLogin(source: OAuthProfileSource): string {
  return `aliyun configure --profile ${source.profileName} --mode OAuth`;
}

function signInAgain(source: OAuthProfileSource, why: string): ChatOpsError {
  return new ChatOpsError({
    code: 'AUTH_FAILED',
    message: `The ${source.origin} cannot be used: ${why}. Sign in again with "${reLogin(source)}".`,
    operation: EXCHANGE,
  });
}

function malformed(source: OAuthProfileSource, what: string): ChatOpsError {
  return new ChatOpsError({
    code: 'REMOTE_ERROR',
    message: `The OAuth service of the ${source.origin} (${source.signInUrl}) answered in an unknown shape: ${what}. Check chatops:oauthEndpoint.`,
    operation: EXCHANGE,
  });
}
