import { resolveSettings, type ProviderSettings } from '../config/settings';
import { profileRegion } from '../credentials/resolve-source';
import { ChatOpsError } from '../errors';

/** The part of the runner's `ConfigureRequest.config` this package reads. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Stack config keys for text settings. Credentials use the names `@pulumi/alicloud` uses,
 * so one stack config serves both packages; endpoints live under our own namespace.
 */
const TEXT_KEYS: ReadonlyArray<[string, keyof ProviderSettings]> = [
  ['alicloud:accessKey', 'accessKeyId'],
  ['alicloud:secretKey', 'accessKeySecret'],
  ['alicloud:securityToken', 'securityToken'],
  ['alicloud:region', 'region'],
  ['alicloud:profile', 'profile'],
  ['alicloud:sharedCredentialsFile', 'sharedCredentialsFile'],
  // Objects arrive as JSON text; the credential chain parses and checks them when used.
  ['alicloud:assumeRole', 'assumeRole'],
  ['alicloud:assumeRoleWithOidc', 'assumeRoleWithOidc'],
  ['alicloud:ecsRoleName', 'ecsRoleName'],
  ['alicloud:credentialsUri', 'credentialsUri'],
  ['chatops:stsEndpoint', 'stsEndpoint'],
  ['chatops:oauthEndpoint', 'oauthEndpoint'],
  ['chatops:cloudSsoEndpoint', 'cloudSsoEndpoint'],
  ['chatops:alicloudAccounts', 'alicloudAccounts'],
  ['chatops:dingtalkApps', 'dingtalkApps'],
  ['dingtalk:clientId', 'dingtalkClientId'],
  ['dingtalk:clientSecret', 'dingtalkClientSecret'],
  ['chatops:oosEndpoint', 'oosEndpoint'],
  ['chatops:sasEndpoint', 'sasEndpoint'],
  ['chatops:dingtalkApiEndpoint', 'dingtalkApiEndpoint'],
  ['chatops:dingtalkOapiEndpoint', 'dingtalkOapiEndpoint'],
];

/** Numeric tuning keys; whether the value must be a whole number. */
const NUMBER_KEYS: ReadonlyArray<[string, keyof ProviderSettings, 'integer' | 'number']> = [
  ['chatops:requestTimeoutMs', 'requestTimeoutMs', 'integer'],
  ['chatops:operationDeadlineMs', 'operationDeadlineMs', 'integer'],
  ['chatops:maxAttempts', 'maxAttempts', 'integer'],
  ['chatops:dingtalkRatePerSecond', 'dingtalkRatePerSecond', 'number'],
  ['chatops:alicloudRatePerSecond', 'alicloudRatePerSecond', 'number'],
];

/** Settings found in stack config, and what was wrong with it (never a value). */
export interface StackConfigSettings {
  settings: ProviderSettings;
  problems: string[];
}

/** Reads this package's keys from stack config (every value arrives as a string). */
export function settingsFromStackConfig(config: ConfigSource): StackConfigSettings {
  const settings: Record<string, string | number> = {};
  const problems: string[] = [];
  for (const [key, field] of TEXT_KEYS) {
    const value = config.get(key);
    if (value !== undefined && value !== '') settings[field] = value;
  }
  for (const [key, field, kind] of NUMBER_KEYS) {
    const value = config.get(key);
    if (value === undefined || value.trim() === '') continue;
    const parsed = Number(value);
    const ok =
      Number.isFinite(parsed) && parsed > 0 && (kind === 'number' || Number.isInteger(parsed));
    if (ok) settings[field] = parsed;
    else {
      problems.push(
        `stack config ${key} must be a positive ${kind === 'integer' ? 'whole number' : 'number'}`,
      );
    }
  }
  return { settings: settings as ProviderSettings, problems };
}

/** Explicit settings over the environment, or a CONFIGURATION_ERROR naming the bad keys. */
export function settingsWithEnv(
  found: StackConfigSettings,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  if (found.problems.length > 0) {
    throw new ChatOpsError({ code: 'CONFIGURATION_ERROR', message: found.problems.join('; ') });
  }
  const resolved = resolveSettings(found.settings, env);
  if (resolved.region !== undefined) return resolved;
  // The last default of the region: the one the stack's CLI profile names.
  const region = profileRegion(resolved, env);
  return region === undefined ? resolved : { ...resolved, region };
}

// Per provider process: the runner calls configure() once per provider text before any
// other method, and every resource type of a stack shares the process and its config.
let configured: StackConfigSettings = { settings: {}, problems: [] };

/**
 * Stores the stack config handed to `configure()`. A bad number is remembered and reported
 * by the first call that needs settings, so one typo does not break `check` of every
 * resource with an unrelated message.
 */
export function configureFromStackConfig(config: ConfigSource): void {
  configured = settingsFromStackConfig(config);
}

/** Settings for this call: values from `configure()` win over the environment, read now. */
export function currentSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return settingsWithEnv(configured, env);
}

/** Forgets what `configure()` stored (tests run several configurations in one process). */
export function resetConfiguredSettings(): void {
  configured = { settings: {}, problems: [] };
}
