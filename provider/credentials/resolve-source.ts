import type { ProviderSettings } from '../config/settings';
import {
  type AlicloudAccountSettings,
  alicloudAccountsSchema,
  assumeRoleSchema,
  assumeRoleWithOidcSchema,
  configurationError,
  parseStructuredSetting,
} from './config-input';
import { envFlag } from './env-flag';
import { expandHome } from './home-path';
import { iniCredentialsFile, iniProfileSource } from './ini-file';
import { cliProfileRegion, defaultProfileFile, hasCliProfile, profileSource } from './profile-file';
import { type AlicloudCredentialSource, DEFAULT_ROLE_SESSION_NAME } from './source';

/**
 * Which Alibaba Cloud identity a call uses: the first complete source of the list below,
 * then `assumeRole` on top of it. The order is the vendor's default credential chain
 * (environment keys, OIDC, CLI profile, instance role, credentials URI; see
 * https://www.alibabacloud.com/help/en/sdk/developer-reference/v2-manage-node-js-access-credentials),
 * each field read from stack config first and the environment second, with the stack config
 * keys and variables of `@pulumi/alicloud`. Offline: files are read, nothing is sent.
 *
 * 1. `accessKey` + `secretKey` (+ `securityToken`)
 * 2. `assumeRoleWithOidc`, or the variables `ALIBABA_CLOUD_ROLE_ARN`,
 *    `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` together
 * 3. `profile` of the CLI's file (without a name, the file's current profile, if the file exists)
 * 4. `ecsRoleName` (the instance's metadata service)
 * 5. `credentialsUri`
 * 6. the instance role discovered from the metadata service, unless
 *    `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` (default set only; a discovery that finds no
 *    metadata service is reported with everything that was tried)
 */

/** The settings of one credential set, whatever their origin, and how to name each. */
interface CredentialFields {
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  profile?: string;
  sharedCredentialsFile?: string;
  assumeRole?: unknown;
  assumeRoleWithOidc?: unknown;
  ecsRoleName?: string;
  credentialsUri?: string;
}

interface SetContext {
  /** How a user sets `field` of this set, for messages. */
  name(field: keyof CredentialFields): string;
  /** Whether a field's value came from stack config or from the environment. */
  origin(field: keyof CredentialFields): 'stack config' | 'environment';
  env: NodeJS.ProcessEnv;
  /** The default set also reads the OIDC variables and may discover an instance role. */
  isDefault: boolean;
  /** `chatops:oauthEndpoint` and `chatops:cloudSsoEndpoint`. */
  endpoints: { oauth?: string; cloudSso?: string };
  /** The debug log: why a file found without being named was passed over. */
  note: (line: string) => void;
  /** Warnings: a file holding keys that other users can read. */
  warn?: (line: string) => void;
}

/** The settings each credential field is read from (stack config or its variables). */
const SETTING_OF: Record<keyof CredentialFields, keyof ProviderSettings> = {
  accessKey: 'accessKeyId',
  secretKey: 'accessKeySecret',
  securityToken: 'securityToken',
  profile: 'profile',
  sharedCredentialsFile: 'sharedCredentialsFile',
  assumeRole: 'assumeRole',
  assumeRoleWithOidc: 'assumeRoleWithOidc',
  ecsRoleName: 'ecsRoleName',
  credentialsUri: 'credentialsUri',
};

/** Where the chain reports what it passed over (debug) and what the user should fix (warnings). */
export interface ChainLog {
  note?: (line: string) => void;
  warn?: (line: string) => void;
}

const IGNORE = () => undefined;

function endpointsOf(settings: ProviderSettings): SetContext['endpoints'] {
  return { oauth: settings.oauthEndpoint, cloudSso: settings.cloudSsoEndpoint };
}

const DEFAULT_NAMES: Record<keyof CredentialFields, string> = {
  accessKey: 'alicloud:accessKey (or ALIBABA_CLOUD_ACCESS_KEY_ID)',
  secretKey: 'alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_SECRET)',
  securityToken: 'alicloud:securityToken (or ALIBABA_CLOUD_SECURITY_TOKEN)',
  profile: 'alicloud:profile (or ALIBABA_CLOUD_PROFILE)',
  sharedCredentialsFile: 'alicloud:sharedCredentialsFile (or ALICLOUD_SHARED_CREDENTIALS_FILE)',
  assumeRole: 'alicloud:assumeRole',
  assumeRoleWithOidc: 'alicloud:assumeRoleWithOidc',
  ecsRoleName: 'alicloud:ecsRoleName (or ALIBABA_CLOUD_ECS_METADATA)',
  credentialsUri: 'alicloud:credentialsUri (or ALIBABA_CLOUD_CREDENTIALS_URI)',
};

/** The stack config key of the named accounts. */
export const ACCOUNTS_KEY = 'chatops:alicloudAccounts';

/**
 * The region the stack's CLI profile names (`region_id`), the default region when neither
 * `alicloud:region` nor a region variable is set, as the CLI and Terraform take it: the named
 * profile, else (unless ALIBABA_CLOUD_CLI_PROFILE_DISABLED) the file's current one.
 */
export function profileRegion(
  settings: ProviderSettings,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const named = settings.profile !== undefined || settings.sharedCredentialsFile !== undefined;
  if (!named && cliProfileDisabled(env)) return undefined;
  const file =
    settings.sharedCredentialsFile !== undefined
      ? expandHome(settings.sharedCredentialsFile)
      : defaultProfileFile();
  return cliProfileRegion(file, settings.profile);
}

/**
 * The session name of a role whose setting names none: `ALIBABA_CLOUD_ROLE_SESSION_NAME`, as
 * the vendor's chains read it, else this package's name.
 */
function sessionNameDefault(env: NodeJS.ProcessEnv): string {
  return env.ALIBABA_CLOUD_ROLE_SESSION_NAME?.trim() || DEFAULT_ROLE_SESSION_NAME;
}

/**
 * The CLI's file is not searched for a profile nobody named when this variable is `true`, as
 * in the vendor's chain.
 */
function cliProfileDisabled(env: NodeJS.ProcessEnv): boolean {
  return envFlag(env, 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED');
}

/** The metadata service is off when this variable is `true` (tests, CI, laptops). */
export function ecsMetadataDisabled(env: NodeJS.ProcessEnv): boolean {
  return envFlag(env, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED');
}

/** The source of the stack's own credentials (no `account` on the resource). */
export function defaultCredentialSource(
  settings: ProviderSettings,
  env: NodeJS.ProcessEnv = process.env,
  log: ChainLog = {},
): AlicloudCredentialSource {
  const fields: CredentialFields = {
    accessKey: settings.accessKeyId,
    secretKey: settings.accessKeySecret,
    securityToken: settings.securityToken,
    profile: settings.profile,
    sharedCredentialsFile: settings.sharedCredentialsFile,
    assumeRole: settings.assumeRole,
    assumeRoleWithOidc: settings.assumeRoleWithOidc,
    ecsRoleName: settings.ecsRoleName,
    credentialsUri: settings.credentialsUri,
  };
  const fromEnvironment = new Set(settings.environmentKeys ?? []);
  return sourceOfSet(fields, {
    name: (f) => DEFAULT_NAMES[f],
    origin: (f) => (fromEnvironment.has(SETTING_OF[f]) ? 'environment' : 'stack config'),
    env,
    isDefault: true,
    endpoints: endpointsOf(settings),
    note: log.note ?? IGNORE,
    warn: log.warn,
  });
}

/** The named accounts of `chatops:alicloudAccounts`, checked. */
export function alicloudAccounts(
  settings: ProviderSettings,
): Record<string, AlicloudAccountSettings> {
  if (settings.alicloudAccounts === undefined) return {};
  return parseStructuredSetting(alicloudAccountsSchema, settings.alicloudAccounts, ACCOUNTS_KEY);
}

/** The source of a named account; an account of only `assumeRole` uses the stack's own identity. */
export function accountCredentialSource(
  settings: ProviderSettings,
  account: string,
  env: NodeJS.ProcessEnv = process.env,
  log: ChainLog = {},
): AlicloudCredentialSource {
  const accounts = alicloudAccounts(settings);
  const fields = Object.prototype.hasOwnProperty.call(accounts, account)
    ? accounts[account]
    : undefined;
  if (!fields) throw unknownAccount(account, Object.keys(accounts));
  const ctx: SetContext = {
    name: (f) => `${ACCOUNTS_KEY} "${account}".${f}`,
    // A named account is all stack config; it never reads the environment.
    origin: () => 'stack config',
    env,
    isDefault: false,
    endpoints: endpointsOf(settings),
    note: log.note ?? IGNORE,
    warn: log.warn,
  };
  const onlyAssumeRole = Object.keys(fields).every((key) => key === 'assumeRole');
  if (onlyAssumeRole && fields.assumeRole !== undefined) {
    return withAssumeRole(defaultCredentialSource(settings, env, log), fields.assumeRole, ctx);
  }
  return sourceOfSet(fields, ctx);
}

/** The message of an account name that is not configured (also used by `check`). */
export function unknownAccount(account: string, known: string[]) {
  return configurationError(
    `No Alibaba Cloud account named "${account}": add it to the stack config ${ACCOUNTS_KEY} (pulumi config set --secret ${ACCOUNTS_KEY} '{"${account}": {...}}')${known.length > 0 ? `; it has ${known.map((n) => `"${n}"`).join(', ')}` : ''}.`,
  );
}

function sourceOfSet(fields: CredentialFields, ctx: SetContext): AlicloudCredentialSource {
  const base = baseSource(fields, ctx);
  return fields.assumeRole === undefined ? base : withAssumeRole(base, fields.assumeRole, ctx);
}

function withAssumeRole(
  base: AlicloudCredentialSource,
  value: unknown,
  ctx: SetContext,
): AlicloudCredentialSource {
  const role = parseStructuredSetting(assumeRoleSchema, value, ctx.name('assumeRole'));
  // Fields the object leaves out default to the variables of `@pulumi/alicloud`'s assume_role
  // block (ALICLOUD_* first); named sets never read the environment.
  const envOf = (...names: string[]) =>
    ctx.isDefault ? names.map((n) => ctx.env[n]?.trim()).find(Boolean) : undefined;
  const roleArn = role.roleArn ?? envOf('ALICLOUD_ASSUME_ROLE_ARN', 'ALIBABA_CLOUD_ROLE_ARN');
  if (!roleArn) {
    throw configurationError(
      `${ctx.name('assumeRole')}.roleArn is not set${ctx.isDefault ? ' (nor ALICLOUD_ASSUME_ROLE_ARN or ALIBABA_CLOUD_ROLE_ARN)' : ''}: name the role to assume, acs:ram::<account>:role/<name>.`,
    );
  }
  const expiration = Number(envOf('ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION'));
  return {
    kind: 'ramRoleArn',
    base,
    roleArn,
    roleSessionName:
      role.sessionName ??
      envOf('ALICLOUD_ASSUME_ROLE_SESSION_NAME') ??
      (ctx.isDefault ? sessionNameDefault(ctx.env) : DEFAULT_ROLE_SESSION_NAME),
    policy: role.policy,
    durationSeconds:
      role.sessionExpiration ??
      (Number.isInteger(expiration) && expiration > 0 ? expiration : undefined),
    externalId: role.externalId,
    origin: ctx.name('assumeRole'),
  };
}

function baseSource(fields: CredentialFields, ctx: SetContext): AlicloudCredentialSource {
  const { env } = ctx;
  for (const tier of ['stack config', 'environment'] as const) {
    const stated = statedSource(fields, ctx, tier);
    if (stated) return stated;
  }
  // (c) Files that are merely there: the CLI's current profile, then the INI default.
  if (ctx.isDefault) {
    const profile = profileFromFiles({}, ctx);
    if (profile) return profile;
  }
  // (d) The instance role, discovered.
  if (ctx.isDefault && !ecsMetadataDisabled(env)) {
    return { kind: 'ecsRamRole', origin: 'the ECS instance role (metadata service)' };
  }
  throw configurationError(
    ctx.isDefault
      ? 'No Alibaba Cloud credentials found: set alicloud:accessKey and alicloud:secretKey in the stack config, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment, or another source of docs/credentials.md (alicloud:profile, alicloud:assumeRoleWithOidc or the ALIBABA_CLOUD_ROLE_ARN / ALIBABA_CLOUD_OIDC_PROVIDER_ARN / ALIBABA_CLOUD_OIDC_TOKEN_FILE variables, alicloud:ecsRoleName, alicloud:credentialsUri, the files ~/.aliyun/config.json and ~/.alibabacloud/credentials).'
      : `${ctx.name('accessKey').replace(/\.accessKey$/, '')} names no credentials: give it accessKey and secretKey, profile, assumeRole, assumeRoleWithOidc, ecsRoleName or credentialsUri.`,
  );
}

/**
 * The first source of one tier that names it: (a) what stack config names, then (b) what the
 * environment names, each in the same order (keys, OIDC, a named profile or file, the INI file
 * of ALIBABA_CLOUD_CREDENTIALS_FILE, the instance role's name, the credentials URI). A source
 * belongs to the stack config tier when any of its fields comes from stack config; its other
 * fields may still come from the environment, as `@pulumi/alicloud` merges them.
 */
function statedSource(
  fields: CredentialFields,
  ctx: SetContext,
  tier: 'stack config' | 'environment',
): AlicloudCredentialSource | undefined {
  const has = (field: keyof CredentialFields) =>
    fields[field] !== undefined && ctx.origin(field) === tier;
  if (has('accessKey') || has('secretKey')) return staticKeys(fields, ctx);
  const oidc = oidcSource(fields, ctx, tier);
  if (oidc) return oidc;
  if (has('profile') || has('sharedCredentialsFile')) return profileFromFiles(fields, ctx);
  if (tier === 'environment' && ctx.isDefault && ctx.env.ALIBABA_CLOUD_CREDENTIALS_FILE?.trim()) {
    const file = iniCredentialsFile(ctx.env);
    const ini = iniProfileSource(file, 'default', {
      sessionName: sessionNameDefault(ctx.env),
      warn: ctx.warn,
    });
    if (ini) return ini;
  }
  if (has('ecsRoleName')) {
    return { kind: 'ecsRamRole', roleName: fields.ecsRoleName, origin: ctx.name('ecsRoleName') };
  }
  if (has('credentialsUri')) {
    return {
      kind: 'credentialsUri',
      uri: fields.credentialsUri as string,
      origin: ctx.name('credentialsUri'),
    };
  }
  return undefined;
}

function staticKeys(fields: CredentialFields, ctx: SetContext): AlicloudCredentialSource {
  if (fields.accessKey === undefined || fields.secretKey === undefined) {
    const missing = fields.accessKey === undefined ? 'accessKey' : 'secretKey';
    const other = missing === 'accessKey' ? 'secretKey' : 'accessKey';
    throw configurationError(
      `${ctx.name(missing)} is not set, but ${ctx.name(other)} is: an AccessKey needs both its id and its secret.`,
    );
  }
  return {
    kind: 'static',
    accessKeyId: fields.accessKey,
    accessKeySecret: fields.secretKey,
    securityToken: fields.securityToken,
    origin: `${ctx.name('accessKey')} and ${ctx.name('secretKey')}`,
  };
}

/**
 * A profile of the CLI's file, then of the SDKs' INI file, in the vendor's order. Named (by a
 * profile or a file): it must be found, in a mode this package can use, or the run fails
 * naming it. Unnamed: the CLI's current profile (unless ALIBABA_CLOUD_CLI_PROFILE_DISABLED),
 * then the INI `default`; one in a mode this package cannot use is passed over with a note.
 */
function profileFromFiles(
  fields: Pick<CredentialFields, 'profile' | 'sharedCredentialsFile'>,
  ctx: SetContext,
): AlicloudCredentialSource | undefined {
  const { env } = ctx;
  const named = fields.profile !== undefined || fields.sharedCredentialsFile !== undefined;
  const request = {
    name: fields.profile,
    file:
      fields.sharedCredentialsFile !== undefined
        ? expandHome(fields.sharedCredentialsFile)
        : defaultProfileFile(),
    nameSetting: ctx.name('profile'),
    fileSetting: ctx.name('sharedCredentialsFile'),
    defaultSessionName: ctx.isDefault ? sessionNameDefault(env) : DEFAULT_ROLE_SESSION_NAME,
    endpoints: ctx.endpoints,
    warn: ctx.warn,
  };
  const cliAllowed = named || !cliProfileDisabled(env);
  const passOver = named ? undefined : ctx.note;
  if (cliAllowed && hasCliProfile(request.file, fields.profile, request.fileSetting, passOver)) {
    const profile = profileSource(request);
    if (profile) return profile;
  }
  if (ctx.isDefault) {
    const iniFile = iniCredentialsFile(env);
    const ini = iniProfileSource(iniFile, fields.profile ?? 'default', {
      sessionName: sessionNameDefault(env),
      passedOver: passOver,
      warn: ctx.warn,
    });
    if (ini) return ini;
  }
  // A named profile (or file) found nowhere fails here, naming the CLI's file.
  return named ? profileSource(request) : undefined;
}

/**
 * `assumeRoleWithOidc` in the stack config tier, whose missing fields default to the variables
 * (as in `@pulumi/alicloud`'s block, `ALIBABA_CLOUD_OIDC_TOKEN` included); in the environment
 * tier, the variables alone, only when `ALIBABA_CLOUD_ROLE_ARN`,
 * `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are all set, as in the
 * vendor's chain.
 */
function oidcSource(
  fields: CredentialFields,
  ctx: SetContext,
  tier: 'stack config' | 'environment',
): AlicloudCredentialSource | undefined {
  const { env } = ctx;
  const key = ctx.name('assumeRoleWithOidc');
  const configured =
    fields.assumeRoleWithOidc === undefined || tier !== 'stack config'
      ? undefined
      : parseStructuredSetting(assumeRoleWithOidcSchema, fields.assumeRoleWithOidc, key);
  const fromEnv =
    tier === 'environment' &&
    fields.assumeRoleWithOidc === undefined &&
    ctx.isDefault &&
    !!env.ALIBABA_CLOUD_ROLE_ARN &&
    !!env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN &&
    !!env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
  if (!configured && !fromEnv) return undefined;
  const envOf = (name: string) => (ctx.isDefault ? env[name]?.trim() || undefined : undefined);
  const roleArn = configured?.roleArn ?? envOf('ALIBABA_CLOUD_ROLE_ARN');
  const oidcProviderArn = configured?.oidcProviderArn ?? envOf('ALIBABA_CLOUD_OIDC_PROVIDER_ARN');
  const oidcToken =
    configured?.oidcToken ??
    (configured && configured.oidcTokenFile === undefined
      ? envOf('ALIBABA_CLOUD_OIDC_TOKEN')
      : undefined);
  const tokenFile =
    configured?.oidcTokenFile ??
    (oidcToken === undefined ? envOf('ALIBABA_CLOUD_OIDC_TOKEN_FILE') : undefined);
  const oidcTokenFile = tokenFile === undefined ? undefined : expandHome(tokenFile);
  const require = (value: string | undefined, field: string, variable: string): string => {
    if (value) return value;
    throw configurationError(
      `${key}.${field} is not set${ctx.isDefault ? ` (nor ${variable})` : ''}: exchanging an OIDC token needs roleArn, oidcProviderArn and oidcToken or oidcTokenFile.`,
    );
  };
  const origin = configured
    ? key
    : 'ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE';
  return {
    kind: 'oidc',
    roleArn: require(roleArn, 'roleArn', 'ALIBABA_CLOUD_ROLE_ARN'),
    oidcProviderArn: require(oidcProviderArn, 'oidcProviderArn', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN'),
    oidcToken,
    oidcTokenFile: oidcToken
      ? undefined
      : require(oidcTokenFile, 'oidcTokenFile', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'),
    roleSessionName:
      configured?.roleSessionName ??
      envOf('ALIBABA_CLOUD_ROLE_SESSION_NAME') ??
      DEFAULT_ROLE_SESSION_NAME,
    policy: configured?.policy,
    durationSeconds: configured?.sessionExpiration,
    origin,
  };
}
