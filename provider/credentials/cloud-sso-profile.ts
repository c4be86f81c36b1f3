import { isObject } from '../clients/parse';
import { ChatOpsError } from '../errors';
import type { HttpLayer } from '../http/http-layer';
import { updateCliProfile } from './profile-write-back';
import {
  currentProfile,
  keysOfAnswer,
  postToSignIn,
  signInFailure,
  type StoredKeyReuse,
  storedKeys,
} from './sign-in-exchange';
import type { CloudSsoProfileSource } from './source';
import type { TemporaryCredentials } from './temporary-credentials';

const OPERATION = 'credentials:CloudSSO/cloud-credentials';

export interface CloudSsoContext {
  http: HttpLayer;
  reuse: StoredKeyReuse;
  warn: (line: string) => void;
}

/**
 * The STS keys of a `CloudSSO` CLI profile, as the CLI obtains them (aliyun-cli
 * `config/profile.go`, `cloudsso/refresh.go`): the keys the profile holds while they stay
 * valid; else, while the sign-in's access token lives, `POST <sign-in URL>/cloud-credentials`
 * with `{AccountId, AccessConfigurationId}`, and the keys written back as the CLI writes them.
 * An expired sign-in cannot be renewed without the person: the message says how to sign in.
 */
export async function cloudSsoCredentials(
  source: CloudSsoProfileSource,
  context: CloudSsoContext,
): Promise<TemporaryCredentials> {
  const now = context.http.clock.now();
  const profile = currentProfile(source, 'CloudSSO');
  const stored = storedKeys(profile, now, context.reuse);
  if (stored) return stored;
  const expire = profile.cloud_sso_access_token_expire ?? 0;
  if (!profile.access_token || expire <= now / 1000) {
    throw new ChatOpsError({
      code: 'AUTH_FAILED',
      message: `The CloudSSO sign-in of the ${source.origin} has expired. Sign in again with "${reLogin(source)}".`,
      operation: OPERATION,
    });
  }
  const answer = await postToSignIn(context.http, {
    // Only the sign-in URL's scheme and host count, as the CLI takes them (its path is the
    // portal's login page).
    url: `${new URL(source.signInUrl).origin}/cloud-credentials`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${profile.access_token}`,
    },
    body: JSON.stringify({
      AccountId: profile.cloud_sso_account_id,
      AccessConfigurationId: profile.cloud_sso_access_config,
    }),
    operation: OPERATION,
  });
  if (answer.status !== 200) {
    throw signInFailure(
      `The CloudSSO request for the keys of the ${source.origin}`,
      answer,
      `Check the profile's account and access configuration, or sign in again with "${reLogin(source)}".`,
      OPERATION,
    );
  }
  const credential = isObject(answer.body.CloudCredential) ? answer.body.CloudCredential : {};
  const keys = keysOfAnswer(
    credential,
    () =>
      new ChatOpsError({
        code: 'REMOTE_ERROR',
        message: `The CloudSSO portal of the ${source.origin} answered without CloudCredential keys; check its cloud_sso_sign_in_url (or chatops:cloudSsoEndpoint).`,
        operation: OPERATION,
      }),
  );
  try {
    updateCliProfile(source.file, source.profileName, {
      access_key_id: keys.accessKeyId,
      access_key_secret: keys.accessKeySecret,
      sts_token: keys.securityToken,
      sts_expiration: Math.floor(keys.expiresAt / 1000),
    });
  } catch (error) {
    context.warn(
      `The CloudSSO keys of the ${source.origin} could not be saved to it (${(error as NodeJS.ErrnoException).code ?? 'error'}); the next run asks for new ones.`,
    );
  }
  return keys;
}

function reLogin(source: CloudSsoProfileSource): string {
  return `aliyun configure --profile ${source.profileName} --mode CloudSSO`;
}
