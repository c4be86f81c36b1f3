import type { ProviderSettings } from '../config/settings';
import { ChatOpsError, isChatOpsError } from '../errors';
import type { AlicloudRpcClient } from '../clients/alicloud/rpc-client';
import type { Acs3Credentials } from '../clients/alicloud/signer';
import { configurationError } from './config-input';
import { envFlag } from './env-flag';
import type { OidcRoleSource, RamRoleArnSource, StsLocation } from './source';
import { readTemporaryCredentials, type TemporaryCredentials } from './temporary-credentials';

/** STS API version of AssumeRole and AssumeRoleWithOIDC. */
export const STS_VERSION = '2015-04-01';
export const DEFAULT_STS_ENDPOINT = 'https://sts.aliyuncs.com';

/**
 * The STS endpoint, as the vendor's credentials library chooses it: `chatops:stsEndpoint` /
 * `ALIBABA_CLOUD_STS_ENDPOINT` (validated like every endpoint; how tests and the emulator are
 * reached), else the profile's `sts_endpoint`, else the regional endpoint of the profile's
 * `sts_region` or `ALIBABA_CLOUD_STS_REGION` (its VPC host with the profile's `enable_vpc` or
 * `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`), else the central one.
 */
export function stsEndpoint(
  settings: ProviderSettings,
  env: NodeJS.ProcessEnv,
  location: StsLocation = {},
): string {
  if (settings.stsEndpoint) return settings.stsEndpoint;
  if (location.endpoint) {
    const host = location.endpoint.trim().toLowerCase();
    if (!/^[a-z0-9.-]+\.aliyuncs\.com$/.test(host)) {
      throw configurationError(
        `The profile's sts_endpoint "${host}" is not an Alibaba Cloud STS host name (such as sts.cn-hangzhou.aliyuncs.com); correct it, or set chatops:stsEndpoint.`,
      );
    }
    return `https://${host}`;
  }
  const region = (location.region ?? env.ALIBABA_CLOUD_STS_REGION)?.trim();
  if (!region || !/^[a-z0-9-]+$/.test(region)) return DEFAULT_STS_ENDPOINT;
  const vpc = location.vpc ?? envFlag(env, 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED');
  return vpc ? `https://sts-vpc.${region}.aliyuncs.com` : `https://sts.${region}.aliyuncs.com`;
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
    return this.exchange('sts:AssumeRole', 'AssumeRole', source, base, {
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
    return this.exchange('sts:AssumeRoleWithOIDC', 'AssumeRoleWithOIDC', source, 'anonymous', {
      RoleArn: source.roleArn,
      OIDCProviderArn: source.oidcProviderArn,
      OIDCToken: oidcToken,
      RoleSessionName: source.roleSessionName,
      Policy: source.policy,
      DurationSeconds: source.durationSeconds,
    });
  }

  private async exchange(
    operation: string,
    action: string,
    source: { origin: string; sts?: StsLocation },
    auth: Acs3Credentials | 'anonymous',
    params: Record<string, unknown>,
  ): Promise<TemporaryCredentials> {
    const env = this.env();
    let body;
    try {
      body = await this.rpc.call({
        endpoint: (settings) => stsEndpoint(settings, env, source.sts),
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
        message: `Getting temporary credentials for ${source.origin} failed: ${error.message} Check the role, its trust policy and the identity that assumes it (see "Credentials" in the README).`,
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
