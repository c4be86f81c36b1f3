import type { AccessPolicyInput } from './access-policy';
import type { RobotEntry, UserEntry } from './state';
import { systemClock, type Clock } from './time';
import type { WireVariants } from './wire-variants';

export type ApiFamily =
  | 'sts'
  | 'oos'
  | 'security-center'
  | 'dingtalk-tokens'
  | 'robot-plugins'
  | 'group-chats'
  | 'sign-in';

export const API_FAMILIES: readonly ApiFamily[] = [
  'sts',
  'oos',
  'security-center',
  'dingtalk-tokens',
  'robot-plugins',
  'group-chats',
  'sign-in',
];

export interface AccessKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

/** Temporary credentials: the key pair is only valid together with its security token. */
export interface StsCredential extends AccessKeyPair {
  securityToken: string;
  /** When the token stops working (ISO date or epoch milliseconds); absent = never. */
  expiration?: string | number;
}

/** A RAM role that STS lets callers assume (sts.ts). */
export interface RamRole {
  /** `acs:ram::<accountId>:role/<name>`. */
  roleArn: string;
  /** Access key ids that may call AssumeRole for it; absent = every key the emulator knows. */
  trustedAccessKeys?: string[];
  /** OIDC provider ARNs whose tokens AssumeRoleWithOIDC accepts for it; absent = every one. */
  trustedOidcProviders?: string[];
}

/** An OIDC identity provider registered in RAM, against which tokens are checked. */
export interface OidcProvider {
  /** `acs:ram::<accountId>:oidc-provider/<name>`. */
  arn: string;
  /** The token's `iss` must equal it. */
  issuer: string;
  /** The token's `aud` must hold one of these (RAM calls them client ids). */
  clientIds: string[];
  /**
   * With it, tokens must be HS256-signed with this key; without it, the signature part is not
   * checked (an unsigned JWT-shaped token is enough), issuer, audience and expiry still are.
   */
  hmacSecret?: string;
}

/** Another Alibaba Cloud account, with key pairs of its own (see `accounts`). */
export interface AlicloudAccount {
  /** The account's UID: appears in its webhook URLs, `AliUid` and caller identity. */
  accountId: string;
  accessKeys: AccessKeyPair[];
}

/**
 * A person signed in with `aliyun configure --mode OAuth`: the refresh token the CLI keeps in
 * the profile, and the role the STS keys of `/v1/exchange` act as (sign-in/oauth-service.ts).
 */
export interface OAuthSignIn {
  /** The refresh token of the sign-in; `/v1/token` rotates it (the old one stops working). */
  refreshToken: string;
  /** `acs:ram::<accountId>:role/<name>`: the keys belong to that account and act as the role. */
  roleArn: string;
  /** An access token the sign-in starts with, so a test can skip the refresh. */
  accessToken?: string;
  /** When `accessToken` expires (epoch milliseconds of the emulator's clock); absent = never. */
  accessTokenExpiresAt?: number;
}

/**
 * A person signed in with `aliyun configure --mode CloudSSO`: the access token of the portal
 * and the account and access configuration it may ask keys for. Entries that share an
 * `accessToken` are one person with several assignments (sign-in/cloud-sso-service.ts).
 */
export interface CloudSsoSignIn {
  accessToken: string;
  /** When the access token expires (epoch milliseconds of the emulator's clock); absent = never. */
  accessTokenExpiresAt?: number;
  /** The account the keys belong to. */
  accountId: string;
  /** The keys act as the role `acs:ram::<accountId>:role/AliyunReservedSSO-<this>`. */
  accessConfigurationId: string;
}

export interface DingTalkApp {
  appKey: string;
  appSecret: string;
  /**
   * The organisation (DingTalk corp) that installed the app: a group chat belongs to the corp
   * of the app that created it, and other corps' apps cannot see it. Default `ding-default-corp`.
   */
  corpId?: string;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The emulator only ever listens on the loopback interface. */
  host?: '127.0.0.1';
  /** Keeps all objects across restarts (written after every change). */
  stateFile?: string;
  /** Extra Alibaba Cloud key pairs; `test` / `test` always works. */
  accessKeys?: AccessKeyPair[];
  /** STS credentials (key pair plus token). */
  stsTokens?: StsCredential[];
  /**
   * The default account (UID): it owns `test` / `test`, `accessKeys` and `stsTokens`, and
   * serves anonymous calls. Appears in OOS webhook URLs and `AliUid`.
   */
  accountId?: string;
  /**
   * Extra accounts, each with its own key pairs. Every OOS and Security Center object belongs
   * to the account whose key created it, and each account sees only its own.
   */
  accounts?: AlicloudAccount[];
  /** Roles STS `AssumeRole` and `AssumeRoleWithOIDC` hand out keys for. Default: none. */
  ramRoles?: RamRole[];
  /** OIDC providers for `AssumeRoleWithOIDC`. Default: none. */
  oidcProviders?: OidcProvider[];
  /**
   * Lifetime of the keys STS issues, overriding the requested `DurationSeconds` (900 to
   * 43200, default 3600): a few seconds make keys expire in the middle of a run.
   */
  stsLifetimeSeconds?: number;
  /**
   * People signed in with the CLI's `OAuth` mode: `POST /v1/token` renews their access token
   * from the refresh token (rotating it), `POST /v1/exchange` trades an access token for STS
   * keys of the sign-in's role. Default: none.
   */
  oauthSignIns?: OAuthSignIn[];
  /** Lifetime of the access tokens `POST /v1/token` issues, default 3600 s. */
  oauthTokenLifetimeSeconds?: number;
  /**
   * People signed in with the CLI's `CloudSSO` mode: `POST /cloud-credentials` trades their
   * access token for STS keys of an account and access configuration assigned to them.
   * Default: none.
   */
  cloudSsoSignIns?: CloudSsoSignIn[];
  /** Extra DingTalk apps; app `test` / `test` always works. */
  dingtalkApps?: DingTalkApp[];
  /** Lifetime of DingTalk access tokens, 7200 s like the real service. */
  tokenLifetimeSeconds?: number;
  /** Requests per second per API family and action before the throttling answer. */
  rateLimitPerSecond?: number;
  /** Per-family overrides of `rateLimitPerSecond`. */
  rateLimits?: Partial<Record<ApiFamily, number>>;
  /** Maximum number of plugins of one robot (the real value is undocumented). */
  maxRobotPlugins?: number;
  /** Extra robots and users on top of the default directory. */
  directory?: { robots?: RobotEntry[]; users?: UserEntry[] };
  /** Allowed distance between a request's timestamp and the emulator's clock. */
  maxClockSkewSeconds?: number;
  /**
   * ListChatConfigurations' response model has no NextToken, so by default List returns
   * everything in one page. `true` pages by MaxResults (20 without it) and answers a NextToken,
   * to test that clients follow one if it ever appears. The `listChatConfigurationsPage` wire
   * variant, when set, wins over it.
   */
  oosListPaging?: boolean;
  /**
   * Answers no vendor document settles, per action (wire-variants.ts): how a missing object
   * is answered, DescribeDingTalk's PageSize limit and TotalCount, ListChatConfigurations
   * paging, a delay before new notifications are listed. `DELETE /_emulator/state` restores
   * these. Default: the emulator's own reading (README, "Where the vendors are silent").
   */
  wireVariants?: WireVariants;
  /** Time source for dates, token expiry, timestamp checks and rate windows. */
  clock?: Clock;
  /** How many request log entries to keep (counts per action are kept forever). */
  requestLogLimit?: number;
  /**
   * RAM denials, products not offered in a region, DingTalk permission points an app lacks,
   * the Security Center edition (see access-policy.ts). Default: everything allowed.
   */
  access?: AccessPolicyInput;
}

export interface ResolvedOptions {
  port: number;
  host: '127.0.0.1';
  stateFile?: string;
  accessKeys: AccessKeyPair[];
  stsTokens: StsCredential[];
  accountId: string;
  accounts: AlicloudAccount[];
  ramRoles: RamRole[];
  oidcProviders: OidcProvider[];
  stsLifetimeSeconds?: number;
  oauthSignIns: OAuthSignIn[];
  oauthTokenLifetimeSeconds: number;
  cloudSsoSignIns: CloudSsoSignIn[];
  dingtalkApps: DingTalkApp[];
  tokenLifetimeSeconds: number;
  rateLimitPerSecond: number;
  rateLimits: Partial<Record<ApiFamily, number>>;
  maxRobotPlugins: number;
  directory: { robots: RobotEntry[]; users: UserEntry[] };
  maxClockSkewSeconds: number;
  oosListPaging: boolean;
  wireVariants: WireVariants;
  clock: Clock;
  requestLogLimit: number;
  access: AccessPolicyInput;
}

export const DEFAULT_ACCESS_KEY: AccessKeyPair = { accessKeyId: 'test', accessKeySecret: 'test' };
export const DEFAULT_DINGTALK_APP: DingTalkApp = { appKey: 'test', appSecret: 'test' };
export const DEFAULT_ACCOUNT_ID = '1234567890123456';
export const DEFAULT_CORP_ID = 'ding-default-corp';

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`emulator option ${name} must be a positive number`);
  }
  return value;
}

/**
 * Extra accounts, checked: a key id may belong to one account only, or the gateway could not
 * tell whose objects a call may see.
 */
function resolveAccounts(options: EmulatorOptions): AlicloudAccount[] {
  const accounts = options.accounts ?? [];
  const owners = new Map<string, string>();
  const defaultKeys = [
    DEFAULT_ACCESS_KEY,
    ...(options.accessKeys ?? []),
    ...(options.stsTokens ?? []),
  ];
  for (const key of defaultKeys)
    owners.set(key.accessKeyId, options.accountId ?? DEFAULT_ACCOUNT_ID);
  for (const account of accounts) {
    if (account.accountId === '') throw new Error('emulator option accounts: empty accountId');
    for (const key of account.accessKeys) {
      const owner = owners.get(key.accessKeyId);
      if (owner !== undefined && owner !== account.accountId) {
        throw new Error(
          `emulator option accounts: access key ${key.accessKeyId} already belongs to account ${owner}`,
        );
      }
      owners.set(key.accessKeyId, account.accountId);
    }
  }
  return accounts.map((a) => ({ accountId: a.accountId, accessKeys: [...a.accessKeys] }));
}

function expiryMs(name: string, value: number | undefined): void {
  if (value !== undefined && !Number.isFinite(value)) {
    throw new Error(`emulator option ${name} must be epoch milliseconds`);
  }
}

function nonEmpty(name: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`emulator option ${name} must be a non-empty string`);
  }
}

/** OAuth sign-ins, checked: each refresh and access token names one sign-in only. */
function resolveOAuthSignIns(signIns: OAuthSignIn[] = []): OAuthSignIn[] {
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  signIns.forEach((signIn, i) => {
    const name = `oauthSignIns[${i}]`;
    nonEmpty(`${name}.refreshToken`, signIn.refreshToken);
    nonEmpty(`${name}.roleArn`, signIn.roleArn);
    if (signIn.accessToken !== undefined) nonEmpty(`${name}.accessToken`, signIn.accessToken);
    expiryMs(`${name}.accessTokenExpiresAt`, signIn.accessTokenExpiresAt);
    if (refreshTokens.has(signIn.refreshToken)) {
      throw new Error(`emulator option ${name}: the refresh token is another sign-in's`);
    }
    refreshTokens.add(signIn.refreshToken);
    if (signIn.accessToken !== undefined) {
      if (accessTokens.has(signIn.accessToken)) {
        throw new Error(`emulator option ${name}: the access token is another sign-in's`);
      }
      accessTokens.add(signIn.accessToken);
    }
  });
  return signIns.map((signIn) => ({ ...signIn }));
}

/** CloudSSO sign-ins, checked: entries sharing an access token must agree on its expiry. */
function resolveCloudSsoSignIns(signIns: CloudSsoSignIn[] = []): CloudSsoSignIn[] {
  const expiries = new Map<string, number | undefined>();
  signIns.forEach((signIn, i) => {
    const name = `cloudSsoSignIns[${i}]`;
    nonEmpty(`${name}.accessToken`, signIn.accessToken);
    nonEmpty(`${name}.accountId`, signIn.accountId);
    nonEmpty(`${name}.accessConfigurationId`, signIn.accessConfigurationId);
    expiryMs(`${name}.accessTokenExpiresAt`, signIn.accessTokenExpiresAt);
    if (
      expiries.has(signIn.accessToken) &&
      expiries.get(signIn.accessToken) !== signIn.accessTokenExpiresAt
    ) {
      throw new Error(
        `emulator option ${name}: entries with the same access token need the same accessTokenExpiresAt`,
      );
    }
    expiries.set(signIn.accessToken, signIn.accessTokenExpiresAt);
  });
  return signIns.map((signIn) => ({ ...signIn }));
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  if (options.host !== undefined && options.host !== '127.0.0.1') {
    throw new Error('the emulator listens on 127.0.0.1 only');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error('emulator option port must be an integer between 0 and 65535');
  }
  for (const [family, limit] of Object.entries(options.rateLimits ?? {})) {
    positive(`rateLimits.${family}`, limit, 1);
  }
  return {
    port,
    host: '127.0.0.1',
    stateFile: options.stateFile,
    accessKeys: [DEFAULT_ACCESS_KEY, ...(options.accessKeys ?? [])],
    stsTokens: options.stsTokens ?? [],
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    accounts: resolveAccounts(options),
    ramRoles: options.ramRoles ?? [],
    oidcProviders: options.oidcProviders ?? [],
    stsLifetimeSeconds:
      options.stsLifetimeSeconds === undefined
        ? undefined
        : positive('stsLifetimeSeconds', options.stsLifetimeSeconds, 3600),
    oauthSignIns: resolveOAuthSignIns(options.oauthSignIns),
    oauthTokenLifetimeSeconds: positive(
      'oauthTokenLifetimeSeconds',
      options.oauthTokenLifetimeSeconds,
      3600,
    ),
    cloudSsoSignIns: resolveCloudSsoSignIns(options.cloudSsoSignIns),
    dingtalkApps: [DEFAULT_DINGTALK_APP, ...(options.dingtalkApps ?? [])],
    tokenLifetimeSeconds: positive('tokenLifetimeSeconds', options.tokenLifetimeSeconds, 7200),
    rateLimitPerSecond: positive('rateLimitPerSecond', options.rateLimitPerSecond, 1000),
    rateLimits: { ...options.rateLimits },
    maxRobotPlugins: positive('maxRobotPlugins', options.maxRobotPlugins, 10),
    directory: {
      robots: options.directory?.robots ?? [],
      users: options.directory?.users ?? [],
    },
    maxClockSkewSeconds: positive('maxClockSkewSeconds', options.maxClockSkewSeconds, 900),
    oosListPaging: options.oosListPaging ?? false,
    wireVariants: options.wireVariants ?? {},
    clock: options.clock ?? systemClock,
    requestLogLimit: positive('requestLogLimit', options.requestLogLimit, 10000),
    access: options.access ?? {},
  };
}
