/**
 * Where an Alibaba Cloud identity comes from, after the configuration has been read and
 * checked, and before any network call. Every kind carries `origin`: the keys or file it was
 * read from, for messages (never a value).
 */
export type AlicloudCredentialSource =
  | StaticKeySource
  | RamRoleArnSource
  | OidcRoleSource
  | EcsRamRoleSource
  | CredentialsUriSource
  | ExternalProcessSource
  | OAuthProfileSource
  | CloudSsoProfileSource;

/** A long-lived key pair, or STS keys a user exported (they expire on their own). */
export interface StaticKeySource {
  kind: 'static';
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  origin: string;
}

/**
 * Where a profile says to reach STS (its `sts_region`, `sts_endpoint`, `enable_vpc`): a VPC
 * host (`sts-vpc.<region>.aliyuncs.com`) for machines that reach only the VPC endpoint.
 */
export interface StsLocation {
  region?: string;
  /** A host name, such as `sts.cn-hangzhou.aliyuncs.com`. */
  endpoint?: string;
  vpc?: boolean;
}

/** STS `AssumeRole`, signed with the credentials of `base`. */
export interface RamRoleArnSource {
  kind: 'ramRoleArn';
  base: AlicloudCredentialSource;
  roleArn: string;
  roleSessionName: string;
  policy?: string;
  durationSeconds?: number;
  externalId?: string;
  sts?: StsLocation;
  origin: string;
}

/** STS `AssumeRoleWithOIDC`: a CI system's identity token exchanged for a role, unsigned. */
export interface OidcRoleSource {
  kind: 'oidc';
  roleArn: string;
  oidcProviderArn: string;
  /** The token itself, or (preferred: CI systems rotate it) the file that holds it. */
  oidcToken?: string;
  oidcTokenFile?: string;
  roleSessionName: string;
  policy?: string;
  durationSeconds?: number;
  sts?: StsLocation;
  origin: string;
}

/** The role attached to the ECS instance, from the metadata service; named or discovered. */
export interface EcsRamRoleSource {
  kind: 'ecsRamRole';
  roleName?: string;
  origin: string;
}

/** A local endpoint that answers temporary keys (`ALIBABA_CLOUD_CREDENTIALS_URI`). */
export interface CredentialsUriSource {
  kind: 'credentialsUri';
  uri: string;
  origin: string;
}

/**
 * A CLI profile of mode `External`: a command (`process_command`) that prints credentials as
 * JSON `{mode, access_key_id, access_key_secret, sts_token?, expiration?}`.
 */
export interface ExternalProcessSource {
  kind: 'external';
  command: string;
  origin: string;
}

/**
 * A CLI profile of mode `OAuth` (`aliyun configure --mode OAuth`): a person's sign-in, whose
 * access token is exchanged for STS keys and renewed with the refresh token. The tokens are read
 * from the file at each exchange and the rotated ones written back (oauth-profile.ts), so
 * the source names the profile, never a token.
 */
export interface OAuthProfileSource {
  kind: 'oauth';
  file: string;
  profileName: string;
  /** The OAuth service: `https://oauth.aliyun.com` (site CN) or `https://oauth.alibabacloud.com` (INTL). */
  signInUrl: string;
  /** The CLI's OAuth application of that site. */
  clientId: string;
  origin: string;
}

/**
 * A CLI profile of mode `CloudSSO`: a CloudSSO user's access token, exchanged for the STS keys
 * of one account and access configuration. The token is read from the file at each exchange.
 */
export interface CloudSsoProfileSource {
  kind: 'cloudSso';
  file: string;
  profileName: string;
  /** The profile's `cloud_sso_sign_in_url` (or `chatops:cloudSsoEndpoint`). */
  signInUrl: string;
  origin: string;
}

/** Session name used when none is configured, as the vendor's tools name theirs. */
export const DEFAULT_ROLE_SESSION_NAME = 'pulumi-dingtalk-chatops';
