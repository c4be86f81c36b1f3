import { createHash } from 'node:crypto';
import type { ProviderSettings, SettingsWithDefaults } from '../config/settings';
import type { CallCredentials } from '../clients/alicloud/credentials';
import { AlicloudRpcClient } from '../clients/alicloud/rpc-client';
import type { Acs3Credentials } from '../clients/alicloud/signer';
import { ExpiringCache } from '../http/expiring-cache';
import type { HttpLayer } from '../http/http-layer';
import { registerSecret } from '../http/redact';
import { cloudSsoCredentials } from './cloud-sso-profile';
import { ChatOpsError } from '../errors';
import { configurationError } from './config-input';
import { MAX_TOKEN_FILE_BYTES, readCredentialFile } from './credential-file';
import { uriCredentials } from './credentials-uri';
import { externalCredentials } from './external-process';
import { ecsRoleCredentials, type MetadataFetch, platformMetadataFetch } from './ecs-metadata';
import { oauthCredentials } from './oauth-profile';
import { accountCredentialSource, defaultCredentialSource } from './resolve-source';
import type { AlicloudCredentialSource, OidcRoleSource } from './source';
import { StsClient } from './sts-client';
import type { TemporaryCredentials } from './temporary-credentials';

/**
 * Renew temporary keys this long before they expire: 15 minutes, the vendor's chains' stale
 * time (`STALE_TIME` of `@alicloud/credentials`). Keys that live less than twice that are used
 * for half their life (expiring-cache.ts).
 */
export const REFRESH_MARGIN_MS = 15 * 60_000;
/** ECS instance-role keys are fetched again an hour ahead, as the vendor's chains prefetch them. */
export const ECS_ROLE_REFRESH_MARGIN_MS = 60 * 60_000;

export interface AlicloudChainOptions {
  http: HttpLayer;
  getSettings: () => ProviderSettings;
  /** The environment, read at call time. */
  env?: () => NodeJS.ProcessEnv;
  /** How ECS metadata requests go out (tests inject a fake). */
  metadataFetch?: MetadataFetch;
}

/**
 * The Alibaba Cloud credentials of every call of one process. Where they come from is decided
 * per call from the settings of that call (resolve-source.ts); temporary keys are fetched once
 * however many calls need them at the same time, shared by every resource, and renewed before
 * they expire.
 */
export class AlicloudCredentialChain {
  private readonly cache: ExpiringCache<TemporaryCredentials>;
  private readonly sts: StsClient;
  private readonly env: () => NodeJS.ProcessEnv;
  private readonly metadataFetch: MetadataFetch;
  /** Keys a remote refused as expired: a profile that still holds them must not hand them out. */
  private readonly rejectedKeys = new Set<string>();
  /** Notes already written to the debug log: the chain is consulted on every call. */
  private readonly notesLogged = new Set<string>();

  constructor(private readonly options: AlicloudChainOptions) {
    this.cache = new ExpiringCache(options.http.clock, REFRESH_MARGIN_MS);
    this.env = options.env ?? (() => process.env);
    this.metadataFetch = options.metadataFetch ?? platformMetadataFetch;
    this.sts = new StsClient(new AlicloudRpcClient(options.http, options.getSettings), this.env);
  }

  /** The credential provider of one account (`undefined`: the stack's own credentials). */
  provider(account?: string) {
    return (settings: SettingsWithDefaults): Promise<CallCredentials> =>
      this.credentials(settings, account);
  }

  async credentials(settings: SettingsWithDefaults, account?: string): Promise<CallCredentials> {
    const env = this.env();
    const log = {
      note: (line: string) => this.note(line),
      warn: (line: string) => this.options.http.logger.warn(line),
    };
    const source =
      account === undefined
        ? defaultCredentialSource(settings, env, log)
        : accountCredentialSource(settings, account, env, log);
    if (source.kind === 'static') {
      registerSecret(source.accessKeySecret, 'credential');
      registerSecret(source.securityToken, 'credential');
      return {
        credentials: staticCredentials(source),
        temporary: false,
        expired: () => undefined,
      };
    }
    const key = fingerprint(source);
    const credentials = await this.temporary(source, key);
    return {
      credentials,
      temporary: true,
      expired: () => {
        this.rejectedKeys.add(credentials.accessKeyId);
        this.cache.invalidate(key, (cached) => cached.accessKeyId === credentials.accessKeyId);
      },
    };
  }

  private note(line: string): void {
    if (this.notesLogged.has(line)) return;
    this.notesLogged.add(line);
    this.options.http.logger.debug(line);
  }

  private async temporary(
    source: Exclude<AlicloudCredentialSource, { kind: 'static' }>,
    key: string,
  ): Promise<TemporaryCredentials> {
    return this.cache.get(key, async () => {
      const fetched = await this.fetch(source);
      return {
        value: fetched,
        lifetimeMs: fetched.expiresAt - this.options.http.clock.now(),
        ...(source.kind === 'ecsRamRole' ? { refreshMarginMs: ECS_ROLE_REFRESH_MARGIN_MS } : {}),
      };
    });
  }

  private async fetch(
    source: Exclude<AlicloudCredentialSource, { kind: 'static' }>,
  ): Promise<TemporaryCredentials> {
    switch (source.kind) {
      case 'ramRoleArn':
        return this.sts.assumeRole(await this.baseCredentials(source.base), source);
      case 'oidc':
        return this.sts.assumeRoleWithOidc(source, readOidcToken(source));
      case 'ecsRamRole':
        return ecsRoleCredentials(source, this.metadataFetch, this.env());
      case 'credentialsUri':
        return uriCredentials(source, this.options.http);
      case 'external':
        return externalCredentials(source, () => this.options.http.clock.now());
      case 'oauth':
        return oauthCredentials(source, this.signInContext());
      case 'cloudSso':
        return cloudSsoCredentials(source, this.signInContext());
    }
  }

  /** What the OAuth and CloudSSO exchanges need: HTTP, when to reuse a profile's keys, a log. */
  private signInContext() {
    return {
      http: this.options.http,
      reuse: {
        forMs: REFRESH_MARGIN_MS,
        rejected: (accessKeyId: string) => this.rejectedKeys.has(accessKeyId),
      },
      warn: (line: string) => this.options.http.logger.warn(line),
    };
  }

  /** The identity that signs an AssumeRole: itself static, or temporary and cached. */
  private async baseCredentials(source: AlicloudCredentialSource): Promise<Acs3Credentials> {
    if (source.kind === 'static') {
      registerSecret(source.accessKeySecret, 'credential');
      registerSecret(source.securityToken, 'credential');
      return staticCredentials(source);
    }
    return this.temporary(source, fingerprint(source));
  }
}

function staticCredentials(source: {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}): Acs3Credentials {
  const { accessKeyId, accessKeySecret, securityToken } = source;
  return securityToken
    ? { accessKeyId, accessKeySecret, securityToken }
    : { accessKeyId, accessKeySecret };
}

/**
 * Reads the OIDC token at each exchange: CI systems and Kubernetes rotate the file, and the
 * vendor's library reads it afresh too. The message names the file and the setting, never the
 * content.
 */
function readOidcToken(source: OidcRoleSource): string {
  if (source.oidcToken) {
    registerSecret(source.oidcToken, 'credential');
    return source.oidcToken;
  }
  const file = source.oidcTokenFile as string;
  let token: string;
  const unreadable = (code: string) =>
    configurationError(
      `The OIDC token file ${file} (from ${source.origin}) cannot be read: ${code}. Check that the CI job writes its identity token there, or point oidcTokenFile / ALIBABA_CLOUD_OIDC_TOKEN_FILE at it.`,
    );
  try {
    // Capped and regular files only: a setting naming the wrong file must not send it whole.
    const text = readCredentialFile(file, 'The OIDC token file', MAX_TOKEN_FILE_BYTES);
    if (text === undefined) throw unreadable('ENOENT');
    token = text.trim();
  } catch (error) {
    if (error instanceof ChatOpsError) throw error;
    throw unreadable((error as NodeJS.ErrnoException).code ?? 'error');
  }
  if (token === '') {
    throw configurationError(`The OIDC token file ${file} (from ${source.origin}) is empty.`);
  }
  registerSecret(token, 'credential');
  return token;
}

/** A cache key that identifies a source without holding any of its secrets. */
function fingerprint(source: AlicloudCredentialSource): string {
  return createHash('sha256').update(JSON.stringify(source)).digest('hex');
}
