import type { ProviderSettings } from '../config/settings';
import { ChatOpsError, isChatOpsError } from '../errors';
import type { AlicloudRpcClient } from '../clients/alicloud/rpc-client';
import type { Acs3Credentials } from '../clients/alicloud/signer';
import type { OidcRoleSource, RamRoleArnSource } from './source';
import { readTemporaryCredentials, type TemporaryCredentials } from './temporary-credentials';

/** STS API version of AssumeRole and AssumeRoleWithOIDC. */
export const STS_VERSION = '2015-04-01';
export const DEFAULT_STS_ENDPOINT = 'https://sts.aliyuncs.com';

/**
 * The STS endpoint: `chatops:stsEndpoint` / `ALIBABA_CLOUD_STS_ENDPOINT` (validated like every
 * endpoint), else the regional one of `ALIBABA_CLOUD_STS_REGION`, else the central one, as the
 * vendor's credentials library chooses.
 */
export function stsEndpoint(settings: ProviderSettings, env: NodeJS.ProcessEnv): string {
  if (settings.stsEndpoint) return settings.stsEndpoint;
  const region = env.ALIBABA_CLOUD_STS_REGION?.trim();
  return region && /^[a-z0-9-]+$/.test(region)
    ? `https://sts.${region}.aliyuncs.com`
    : DEFAULT_STS_ENDPOINT;
}

/**
 * STS over the package's own RPC client, so these calls get the same transport, retries,
 * pacing, redaction and loopback emulator as every other call. Request fields are those of
 * `AssumeRoleRequest` / `AssumeRoleWithOIDCRequest` (model `sts-20150401`).
 */
export class StsClient {
  constructor(
    private readonly rpc: AlicloudRpcClient,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  async assumeRole(base: Acs3Credentials, source: RamRoleArnSource): Promise<TemporaryCredentials> {
    return this.exchange('sts:AssumeRole', 'AssumeRole', source.origin, base, {
      RoleArn: source.roleArn,
      RoleSessionName: source.roleSessionName,
      Policy: source.policy,
      DurationSeconds: source.durationSeconds,
      ExternalId: source.externalId,
    });
  }

  async assumeRoleWithOidc(
    source: OidcRoleSource,
    oidcToken: string,
  ): Promise<TemporaryCredentials> {
    return this.exchange(
      'sts:AssumeRoleWithOIDC',
      'AssumeRoleWithOIDC',
      source.origin,
      'anonymous',
      {
        RoleArn: source.roleArn,
        OIDCProviderArn: source.oidcProviderArn,
        OIDCToken: oidcToken,
        RoleSessionName: source.roleSessionName,
        Policy: source.policy,
        DurationSeconds: source.durationSeconds,
      },
    );
  }

  private async exchange(
    operation: string,
    action: string,
    origin: string,
    auth: Acs3Credentials | 'anonymous',
    params: Record<string, unknown>,
  ): Promise<TemporaryCredentials> {
    const env = this.env();
    let body;
    try {
      body = await this.rpc.call({
        endpoint: (settings) => stsEndpoint(settings, env),
        action,
        version: STS_VERSION,
        operation,
        ramAction: operation,
        params,
        // Asking again only issues other keys: nothing is created remotely.
        idempotent: true,
        auth,
      });
    } catch (error) {
      if (!isChatOpsError(error)) throw error;
      throw new ChatOpsError({
        code: error.code,
        message: `Getting temporary credentials for ${origin} failed: ${error.message} Check the role, its trust policy and the identity that assumes it (see "Credentials" in the README).`,
        remoteCode: error.remoteCode,
        requestId: error.requestId,
        operation,
        httpStatus: error.httpStatus,
        retryable: error.retryable,
      });
    }
    return readTemporaryCredentials(body.Credentials, { operation, from: 'STS' });
  }
}
