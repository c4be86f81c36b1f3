import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkEndpointUrl } from '../config/settings';
import { ChatOpsError } from '../errors';
import { configurationError } from './config-input';
import {
  MAX_PROFILE_FILE_BYTES,
  readCredentialFile,
  warnIfReadableByOthers,
} from './credential-file';
import { expandHome } from './home-path';
import {
  type AlicloudCredentialSource,
  DEFAULT_ROLE_SESSION_NAME,
  type StsLocation,
} from './source';

/**
 * The Alibaba Cloud CLI's profile file, `~/.aliyun/config.json`
 * (https://www.alibabacloud.com/help/en/cli/configure-credentials): `{current, profiles:
 * [{name, mode, access_key_id, ...}]}`. Read when a call needs credentials, never cached, so
 * `aliyun configure` takes effect without restarting anything.
 */

/** Modes this package turns into credentials; the CLI knows more (BearerToken, Anonymous). */
const SUPPORTED_MODES = [
  'AK',
  'External',
  'StsToken',
  'RamRoleArn',
  'EcsRamRole',
  'ChainableRamRoleArn',
  'OIDC',
  'OAuth',
  'CloudSSO',
  'CredentialsURI',
] as const;

/**
 * The OAuth service and the CLI's OAuth application of each site (`oauth_site_type`), as the
 * CLI and the vendor's chains hold them (aliyun-cli `config/configure.go`,
 * `@alicloud/credentials` `cli_profile.js`).
 */
export const OAUTH_SITES: Readonly<Record<string, { signInUrl: string; clientId: string }>> = {
  CN: { signInUrl: 'https://oauth.aliyun.com', clientId: '4038181954557748008' },
  INTL: { signInUrl: 'https://oauth.alibabacloud.com', clientId: '4103531455503354461' },
};

/** The fields of a profile that are secrets: a file holding one should be private. */
const HOLDS_SECRETS = [
  'access_key_secret',
  'sts_token',
  'oauth_refresh_token',
  'oauth_access_token',
  'access_token',
] as const;

export interface CliProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  ram_role_name?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  source_profile?: string;
  expired_seconds?: number;
  external_id?: string;
  oidc_provider_arn?: string;
  oidc_token_file?: string;
  process_command?: string;
  region_id?: string;
  sts_region?: string;
  sts_endpoint?: string;
  enable_vpc?: boolean | string;
  duration_seconds?: number;
  credentials_uri?: string;
  oauth_site_type?: string;
  oauth_access_token?: string;
  oauth_refresh_token?: string;
  /** Epoch seconds. */
  oauth_access_token_expire?: number;
  cloud_sso_sign_in_url?: string;
  cloud_sso_account_id?: string;
  cloud_sso_access_config?: string;
  /** The CloudSSO access token (the CLI's name for it has no prefix). */
  access_token?: string;
  /** Epoch seconds. */
  cloud_sso_access_token_expire?: number;
  /** Epoch seconds: when the STS keys the profile holds (OAuth, CloudSSO) expire. */
  sts_expiration?: number;
}

export interface CliConfig {
  current?: string;
  profiles?: CliProfile[];
}

/** The default location, under the home directory of the user running the provider. */
export function defaultProfileFile(): string {
  return path.join(os.homedir(), '.aliyun', 'config.json');
}

/** Parsed file, or undefined when it does not exist. Unreadable or invalid files fail. */
export function readProfileFile(file: string, setting: string): CliConfig | undefined {
  let text: string | undefined;
  try {
    text = readCredentialFile(file, 'The Alibaba Cloud CLI profile file', MAX_PROFILE_FILE_BYTES);
    if (text === undefined) return undefined;
  } catch (error) {
    if (error instanceof ChatOpsError) throw error;
    throw configurationError(
      `The Alibaba Cloud CLI profile file ${file} (${setting}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}. Fix its permissions or point ${setting} elsewhere.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw configurationError(
      `The Alibaba Cloud CLI profile file ${file} is not valid JSON; repair it with "aliyun configure".`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw configurationError(`The Alibaba Cloud CLI profile file ${file} is not a JSON object.`);
  }
  return parsed as CliConfig;
}

export interface ProfileRequest {
  /** The profile name; undefined means the file's `current` profile. */
  name?: string;
  file: string;
  /** Where the name came from, for messages: `alicloud:profile (or ALIBABA_CLOUD_PROFILE)`. */
  nameSetting: string;
  fileSetting: string;
  /** The session name of a profile that names none (`ALIBABA_CLOUD_ROLE_SESSION_NAME`). */
  defaultSessionName?: string;
  /** `chatops:oauthEndpoint` and `chatops:cloudSsoEndpoint`, which replace the profile's. */
  endpoints?: { oauth?: string; cloudSso?: string };
  /** Where a warning goes (a file holding keys that others can read). */
  warn?: (line: string) => void;
}

/**
 * Whether the CLI's file holds the profile. Without a name: whether it has a current profile
 * in a mode this package reads; one in another mode (`CloudSSO`, `OAuth`, ...) is passed over,
 * as a file that is merely there should not stop the chain (a named one fails instead).
 */
export function hasCliProfile(
  file: string,
  name: string | undefined,
  setting: string,
  passedOver?: (line: string) => void,
): boolean {
  const config = readProfileFile(file, setting);
  if (!config) return false;
  const profiles = Array.isArray(config.profiles) ? config.profiles : [];
  if (name !== undefined) return profiles.some((p) => p.name === name);
  const current = profiles.find((p) => p.name === config.current);
  if (current === undefined) return false;
  const mode = current.mode ?? 'AK';
  if ((SUPPORTED_MODES as readonly string[]).includes(mode)) return true;
  passedOver?.(
    `Passed over the current profile "${current.name}" of ${file}: its mode ${mode} gives no credentials this package can use; the next source of the chain is tried.`,
  );
  return false;
}

/**
 * The `region_id` of a CLI profile (without a name: the current one), read only as a default
 * region; any problem with the file is left to the credential chain to report.
 */
export function cliProfileRegion(file: string, name: string | undefined): string | undefined {
  try {
    const config = readProfileFile(file, 'the profile file');
    const profiles = Array.isArray(config?.profiles) ? (config?.profiles ?? []) : [];
    const wanted = name ?? config?.current;
    const region = profiles.find((p) => p.name === wanted)?.region_id;
    return typeof region === 'string' && region.trim() !== '' ? region.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The credential source of a profile. A named profile must exist; without a name, a missing
 * file or an empty `current` yields undefined, so the chain goes on as the vendor's does.
 */
export function profileSource(request: ProfileRequest): AlicloudCredentialSource | undefined {
  const config = readProfileFile(request.file, request.fileSetting);
  if (!config) {
    if (request.name === undefined) return undefined;
    throw configurationError(
      `${request.nameSetting} names the profile "${request.name}", but the profile file ${request.file} does not exist. Create it with "aliyun configure --profile ${request.name}", or set ${request.fileSetting} to the file that holds it.`,
    );
  }
  const name = request.name ?? config.current;
  if (!name) return undefined;
  return resolveProfile(config, name, request, new Set());
}

function resolveProfile(
  config: CliConfig,
  name: string,
  request: ProfileRequest,
  seen: Set<string>,
): AlicloudCredentialSource {
  const profiles = Array.isArray(config.profiles) ? config.profiles : [];
  const profile = profiles.find((p) => p.name === name);
  if (!profile) {
    const known = profiles.map((p) => p.name).filter(Boolean);
    throw configurationError(
      `The profile "${name}" (${request.nameSetting}) is not in ${request.file}; it has ${known.length > 0 ? known.map((n) => `"${n}"`).join(', ') : 'no profiles'}. Set ${request.nameSetting} to one of them, or add it with "aliyun configure --profile ${name}".`,
    );
  }
  seen.add(name);
  const origin = `profile "${name}" of ${request.file}`;
  if (HOLDS_SECRETS.some((key) => typeof profile[key] === 'string' && profile[key] !== '')) {
    warnIfReadableByOthers(request.file, 'The Alibaba Cloud CLI profile file', request.warn);
  }
  const field = (key: keyof CliProfile): string => {
    const value = profile[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    throw configurationError(
      `The ${origin} has mode ${profile.mode} but no ${key}; add it with "aliyun configure --profile ${name} --mode ${profile.mode}".`,
    );
  };
  const optional = (key: keyof CliProfile): string | undefined => {
    const value = profile[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const duration =
    typeof profile.expired_seconds === 'number' && profile.expired_seconds > 0
      ? profile.expired_seconds
      : undefined;
  const keys = () => ({
    kind: 'static' as const,
    accessKeyId: field('access_key_id'),
    accessKeySecret: field('access_key_secret'),
    origin,
  });
  const sessionDefault = request.defaultSessionName ?? DEFAULT_ROLE_SESSION_NAME;

  switch (profile.mode ?? 'AK') {
    case 'AK':
      return keys();
    case 'StsToken':
      return { ...keys(), securityToken: field('sts_token') };
    case 'RamRoleArn':
    case 'ChainableRamRoleArn': {
      let base: AlicloudCredentialSource;
      if (profile.mode === 'RamRoleArn') {
        base = keys();
      } else {
        const source = field('source_profile');
        if (seen.has(source)) {
          throw configurationError(
            `The ${origin} chains back to profile "${source}" (a loop through source_profile); break the loop in ${request.file}.`,
          );
        }
        base = resolveProfile(config, source, request, seen);
      }
      return {
        kind: 'ramRoleArn',
        base,
        roleArn: field('ram_role_arn'),
        roleSessionName: optional('ram_session_name') ?? sessionDefault,
        durationSeconds: duration,
        externalId: optional('external_id'),
        sts: stsOf(profile),
        origin,
      };
    }
    case 'EcsRamRole':
      return { kind: 'ecsRamRole', roleName: field('ram_role_name'), origin };
    case 'External':
      checkNotWritableByOthers(request.file, origin);
      return { kind: 'external', command: field('process_command'), origin };
    case 'OIDC':
      return {
        kind: 'oidc',
        roleArn: field('ram_role_arn'),
        oidcProviderArn: field('oidc_provider_arn'),
        oidcTokenFile: expandHome(field('oidc_token_file')),
        roleSessionName: optional('ram_session_name') ?? sessionDefault,
        durationSeconds:
          typeof profile.duration_seconds === 'number' && profile.duration_seconds > 0
            ? profile.duration_seconds
            : duration,
        sts: stsOf(profile),
        origin,
      };
    case 'CredentialsURI':
      return { kind: 'credentialsUri', uri: field('credentials_uri'), origin };
    case 'OAuth': {
      const site = (optional('oauth_site_type') ?? 'CN').toUpperCase();
      const known = OAUTH_SITES[site];
      if (!known) {
        throw configurationError(
          `The ${origin} has oauth_site_type "${profile.oauth_site_type}"; it must be CN or INTL. Sign in again with "aliyun configure --profile ${name} --mode OAuth".`,
        );
      }
      if (!optional('oauth_refresh_token') && !optional('oauth_access_token')) {
        throw configurationError(
          `The ${origin} has mode OAuth but neither an access token nor a refresh token; sign in with "aliyun configure --profile ${name} --mode OAuth".`,
        );
      }
      return {
        kind: 'oauth',
        file: request.file,
        profileName: name,
        signInUrl: request.endpoints?.oauth ?? known.signInUrl,
        clientId: known.clientId,
        origin,
      };
    }
    case 'CloudSSO': {
      field('cloud_sso_account_id');
      field('cloud_sso_access_config');
      const signInUrl =
        request.endpoints?.cloudSso ??
        checkEndpointUrl(
          field('cloud_sso_sign_in_url'),
          `The cloud_sso_sign_in_url of the ${origin}`,
          `or configure the profile again with "aliyun configure --profile ${name} --mode CloudSSO"`,
        );
      return { kind: 'cloudSso', file: request.file, profileName: name, signInUrl, origin };
    }
    default:
      throw configurationError(
        `The ${origin} has mode ${profile.mode}, which this package does not support; use a profile of mode ${SUPPORTED_MODES.join(', ')}, or give credentials another way (see "Credentials" in the README).`,
      );
  }
}

/**
 * An `External` profile runs a command as the user running Pulumi: only from a file that no one
 * else can change (owned by this user, not writable by group or others), or anyone who can
 * write the file could run code here.
 */
function checkNotWritableByOthers(file: string, origin: string): void {
  if (process.platform === 'win32') return;
  const stat = fs.statSync(file);
  const uid = process.getuid?.();
  const foreignOwner = uid !== undefined && stat.uid !== uid;
  if ((stat.mode & 0o022) !== 0 || foreignOwner) {
    throw configurationError(
      `The ${origin} has mode External, but ${file} is ${foreignOwner ? 'owned by another user' : 'writable by others'}: its process_command could be anyone's. Make the file yours and private (chmod 600 ${file}).`,
    );
  }
}

/** Where the profile says to reach STS; absent fields fall back to the variables. */
function stsOf(profile: CliProfile): StsLocation | undefined {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const vpc =
    profile.enable_vpc === true || profile.enable_vpc === 'true'
      ? true
      : profile.enable_vpc === false || profile.enable_vpc === 'false'
        ? false
        : undefined;
  const location: StsLocation = {
    ...(text(profile.sts_region) ? { region: text(profile.sts_region) } : {}),
    ...(text(profile.sts_endpoint) ? { endpoint: text(profile.sts_endpoint) } : {}),
    ...(vpc !== undefined ? { vpc } : {}),
  };
  return Object.keys(location).length > 0 ? location : undefined;
}
