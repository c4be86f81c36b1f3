import { ProviderSettings } from '../../config/settings';
import { ChatOpsError } from '../../http/errors';
import { registerSecret } from '../../http/redact';
import { Acs3Credentials } from './signer';

/**
 * The Alibaba Cloud key pair for one call, taken from the settings at call time. The
 * secret parts are registered for redaction the moment they are read.
 */
export function alicloudCredentials(
  settings: ProviderSettings,
  operation: string,
): Acs3Credentials {
  const { accessKeyId, accessKeySecret, securityToken } = settings;
  if (!accessKeyId || !accessKeySecret) {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `${operation} needs Alibaba Cloud credentials: set alicloud:accessKey and alicloud:secretKey in the stack config, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment.`,
      operation,
    });
  }
  registerSecret(accessKeySecret);
  registerSecret(securityToken);
  return securityToken
    ? { accessKeyId, accessKeySecret, securityToken }
    : { accessKeyId, accessKeySecret };
}
