import type {
  AlicloudAccountSettings,
  AssumeRoleSettings,
  AssumeRoleWithOidcSettings,
  DingTalkAppSettings,
} from '../credentials/config-input';
import { ChatOpsError } from '../errors';
import { redact } from '../http/redact';
import { checkOutboundUrl } from './endpoint-rule';

/**
 * Everything the clients need to reach the remote APIs. All optional: explicit values
 * (from Pulumi stack config) win over the environment, which is read at call time only.
 */
export interface ProviderSettings {
  /** Alibaba Cloud AccessKey ID. Default: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALICLOUD_ACCESS_KEY`. */
  accessKeyId?: string;
  /** AccessKey secret. Default: `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALICLOUD_SECRET_KEY`. */
  accessKeySecret?: string;
  /** STS token of temporary keys. Default: `ALIBABA_CLOUD_SECURITY_TOKEN`, `ALICLOUD_SECURITY_TOKEN`. */
  securityToken?: string;
  /** Default region of resources that take a `regionId`. Default: `ALIBABA_CLOUD_REGION`, `ALICLOUD_REGION`. */
  region?: string;
  /** Profile of the CLI's config file. Default: `ALIBABA_CLOUD_PROFILE`, `ALICLOUD_PROFILE`. */
  profile?: string;
  /** The CLI's config file. Default: `ALICLOUD_SHARED_CREDENTIALS_FILE`, else `~/.aliyun/config.json`. */
  sharedCredentialsFile?: string;
  /** A role assumed with the credentials found otherwise (an object, or its JSON text). */
  assumeRole?: AssumeRoleSettings | string;
  /** An OIDC token exchanged for a role (an object, or its JSON text). */
  assumeRoleWithOidc?: AssumeRoleWithOidcSettings | string;
  /** ECS instance role. Default: `ALICLOUD_ECS_ROLE_NAME`, `ALIBABA_CLOUD_ECS_METADATA`. */
  ecsRoleName?: string;
  /** Local endpoint answering temporary keys. Default: `ALIBABA_CLOUD_CREDENTIALS_URI`. */
  credentialsUri?: string;
  /**
   * STS endpoint, a full URL. Default: `ALIBABA_CLOUD_STS_ENDPOINT`, else
   * `https://sts.<ALIBABA_CLOUD_STS_REGION>.aliyuncs.com`, else `https://sts.aliyuncs.com`.
   */
  stsEndpoint?: string;
  /**
   * The OAuth service of CLI profiles in mode `OAuth`, a full URL. Default:
   * `ALIBABA_CLOUD_OAUTH_ENDPOINT`, else the profile's site: `https://oauth.aliyun.com` (CN) or
   * `https://oauth.alibabacloud.com` (INTL).
   */
  oauthEndpoint?: string;
  /**
   * The CloudSSO portal of CLI profiles in mode `CloudSSO`, a full URL. Default:
   * `ALIBABA_CLOUD_CLOUDSSO_ENDPOINT`, else the profile's `cloud_sso_sign_in_url`.
   */
  cloudSsoEndpoint?: string;
  /** Named Alibaba Cloud accounts chosen per resource by `account` (an object, or its JSON text). */
  alicloudAccounts?: Record<string, AlicloudAccountSettings> | string;
  /** Named DingTalk apps chosen per resource by `app` (an object, or its JSON text). */
  dingtalkApps?: Record<string, DingTalkAppSettings> | string;
  /**
   * OOS endpoint, a full URL; `http://127.0.0.1:PORT` is allowed (the emulator). Default:
   * `ALIBABA_CLOUD_OOS_ENDPOINT`, else `https://oos.<region>.aliyuncs.com`.
   */
  oosEndpoint?: string;
  /**
   * Security Center endpoint, a full URL. Default: `ALIBABA_CLOUD_SAS_ENDPOINT`, else
   * `https://tds.cn-shanghai.aliyuncs.com` for `cn-*` regions and
   * `https://tds.ap-southeast-1.aliyuncs.com` for the others.
   */
  sasEndpoint?: string;
  /** DingTalk app client id (AppKey). Default: `DINGTALK_CLIENT_ID`. */
  dingtalkClientId?: string;
  /** DingTalk app client secret (AppSecret). Default: `DINGTALK_CLIENT_SECRET`. */
  dingtalkClientSecret?: string;
  /**
   * DingTalk new API and access tokens, a full URL. Default: `DINGTALK_API_ENDPOINT`, else
   * `https://api.dingtalk.com`.
   */
  dingtalkApiEndpoint?: string;
  /**
   * DingTalk old API (`/chat/...`), a full URL. Default: `DINGTALK_OAPI_ENDPOINT`, else
   * `https://oapi.dingtalk.com`.
   */
  dingtalkOapiEndpoint?: string;
  /** Timeout of one HTTP attempt. Default 10000. */
  requestTimeoutMs?: number;
  /** Time one operation may take, retries included. Default 120000. */
  operationDeadlineMs?: number;
  /** Attempts per operation, the first included. Default 8. */
  maxAttempts?: number;
  /** Client-side pace per (origin, operation). Default 20. */
  dingtalkRatePerSecond?: number;
  /** Client-side pace per (origin, action). Default 20. */
  alicloudRatePerSecond?: number;
  /**
   * @internal Which settings `resolveSettings` took from the environment rather than stack
   * config: the credential chain tries what stack config names before what the environment
   * does (resolve-source.ts).
   */
  environmentKeys?: ReadonlyArray<keyof ProviderSettings>;
}

export const DEFAULT_SETTINGS = {
  requestTimeoutMs: 10_000,
  operationDeadlineMs: 120_000,
  maxAttempts: 8,
  dingtalkRatePerSecond: 20,
  alicloudRatePerSecond: 20,
} as const;

export type NumericSetting = keyof typeof DEFAULT_SETTINGS;
export type SettingsWithDefaults = ProviderSettings &
  Required<Pick<ProviderSettings, NumericSetting>>;

/**
 * The variables of each setting, first found wins. Where `@pulumi/alicloud` and Terraform read
 * a setting, their order is kept (their `alicloud/provider.go`: `ALICLOUD_*`, then
 * `ALIBABA_CLOUD_*`, then `ALIBABACLOUD_*`), so that this package and an `@pulumi/alicloud`
 * provider in the same stack act as the same identity when both families are set.
 */
const ENV_KEYS: ReadonlyArray<readonly [keyof ProviderSettings, string, ...string[]]> = [
  [
    'accessKeyId',
    'ALICLOUD_ACCESS_KEY',
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABACLOUD_ACCESS_KEY_ID',
  ],
  [
    'accessKeySecret',
    'ALICLOUD_SECRET_KEY',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABACLOUD_ACCESS_KEY_SECRET',
  ],
  [
    'securityToken',
    'ALICLOUD_SECURITY_TOKEN',
    'ALIBABA_CLOUD_SECURITY_TOKEN',
    'ALIBABACLOUD_SECURITY_TOKEN',
  ],
  ['region', 'ALICLOUD_REGION', 'ALIBABA_CLOUD_REGION'],
  ['profile', 'ALICLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE'],
  ['sharedCredentialsFile', 'ALICLOUD_SHARED_CREDENTIALS_FILE'],
  ['ecsRoleName', 'ALICLOUD_ECS_ROLE_NAME', 'ALIBABA_CLOUD_ECS_METADATA'],
  ['credentialsUri', 'ALICLOUD_CREDENTIALS_URI', 'ALIBABA_CLOUD_CREDENTIALS_URI'],
  ['stsEndpoint', 'ALIBABA_CLOUD_STS_ENDPOINT'],
  ['oauthEndpoint', 'ALIBABA_CLOUD_OAUTH_ENDPOINT'],
  ['cloudSsoEndpoint', 'ALIBABA_CLOUD_CLOUDSSO_ENDPOINT'],
  ['oosEndpoint', 'ALIBABA_CLOUD_OOS_ENDPOINT'],
  ['sasEndpoint', 'ALIBABA_CLOUD_SAS_ENDPOINT'],
  ['dingtalkClientId', 'DINGTALK_CLIENT_ID'],
  ['dingtalkClientSecret', 'DINGTALK_CLIENT_SECRET'],
  ['dingtalkApiEndpoint', 'DINGTALK_API_ENDPOINT'],
  ['dingtalkOapiEndpoint', 'DINGTALK_OAPI_ENDPOINT'],
];

const ENDPOINT_KEYS = [
  'stsEndpoint',
  'oauthEndpoint',
  'cloudSsoEndpoint',
  'oosEndpoint',
  'sasEndpoint',
  'dingtalkApiEndpoint',
  'dingtalkOapiEndpoint',
] as const;

/**
 * Reads env at call time: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
 * ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION, ALIBABA_CLOUD_OOS_ENDPOINT,
 * ALIBABA_CLOUD_SAS_ENDPOINT, DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET,
 * DINGTALK_API_ENDPOINT, DINGTALK_OAPI_ENDPOINT. Explicit values win; empty strings
 * count as unset. Numeric settings get their defaults. Throws CONFIGURATION_ERROR for
 * an endpoint that is not an https URL (plain http only to loopback, never with a user
 * name or password) or a number that is not positive.
 */
export function resolveSettings(
  explicit: ProviderSettings = {},
  env: NodeJS.ProcessEnv = process.env,
): SettingsWithDefaults {
  // Structured settings (assumeRole, named sets) have no variable: they pass as given.
  const merged: ProviderSettings = dropUndefined(explicit);
  const environmentKeys: Array<keyof ProviderSettings> = [];
  for (const [key, ...envNames] of ENV_KEYS) {
    const stated = nonEmpty(explicit[key]);
    const value = stated ?? envNames.map((name) => nonEmpty(env[name])).find(Boolean);
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    else delete merged[key];
    if (stated === undefined && value !== undefined) environmentKeys.push(key);
  }
  merged.environmentKeys = environmentKeys;
  for (const key of Object.keys(DEFAULT_SETTINGS) as NumericSetting[]) {
    if (explicit[key] !== undefined) merged[key] = explicit[key];
  }
  return withDefaults(merged, env);
}

/**
 * Fills the numeric defaults and validates, every endpoint included (whether or not a call
 * needs it); reads the environment only for the hosts it allows beyond the vendors'.
 */
export function withDefaults(
  settings: ProviderSettings,
  env: NodeJS.ProcessEnv = process.env,
): SettingsWithDefaults {
  const out = { ...DEFAULT_SETTINGS, ...dropUndefined(settings) } as SettingsWithDefaults;
  for (const key of Object.keys(DEFAULT_SETTINGS) as NumericSetting[]) {
    const value = out[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ChatOpsError({
        code: 'CONFIGURATION_ERROR',
        message: `Setting ${key} must be a positive number, got ${redact(String(value))}.`,
      });
    }
  }
  for (const key of ENDPOINT_KEYS) {
    const value = out[key];
    if (value !== undefined) out[key] = checkEndpoint(key, value, env);
  }
  if (out.credentialsUri !== undefined) {
    checkEndpointUrl(
      out.credentialsUri,
      'Setting alicloud:credentialsUri (or ALICLOUD_CREDENTIALS_URI / ALIBABA_CLOUD_CREDENTIALS_URI)',
      'or unset it',
      env,
    );
  }
  return out;
}

type EndpointKey = (typeof ENDPOINT_KEYS)[number];

/** Where a user sets an endpoint, for messages: the stack config key and the variable. */
function endpointSource(key: EndpointKey): string {
  const envName = ENV_KEYS.find(([setting]) => setting === key)?.[1];
  return `${key} (stack config chatops:${key}, or ${envName})`;
}

/** An endpoint setting under the one rule of outbound URLs (endpoint-rule.ts). */
function checkEndpoint(key: EndpointKey, value: string, env: NodeJS.ProcessEnv): string {
  return checkEndpointUrl(
    value,
    `Setting ${endpointSource(key)}`,
    'or unset it to use the default',
    env,
  );
}

/**
 * The rules of every endpoint (endpoint-rule.ts), for URLs read elsewhere too (a CLI profile's
 * sign-in URL): `where` names the value in the message, `otherwise` ends the advice.
 */
export function checkEndpointUrl(
  value: string,
  where: string,
  otherwise: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return checkOutboundUrl(value, { where, otherwise, env });
}

function nonEmpty(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function dropUndefined<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
