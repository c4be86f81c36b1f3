import type { SettingsWithDefaults } from '../../config/settings';
import type { Acs3Credentials } from './signer';

/** The credentials one call is signed with, from the credential chain (provider/credentials/). */
export interface CallCredentials {
  credentials: Acs3Credentials;
  /** Temporary keys, fetched and cached by this process: renewable when the remote says expired. */
  temporary: boolean;
  /** Forgets these temporary keys, so the next call fetches new ones. */
  expired(): void;
}

/**
 * Resolves the credentials of a call at call time, from the settings of that call. The
 * secret parts are registered for redaction before they are returned.
 */
export type AlicloudCredentialProvider = (
  settings: SettingsWithDefaults,
  operation: string,
) => Promise<CallCredentials>;
