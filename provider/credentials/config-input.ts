import { z } from 'zod';
import { ChatOpsError } from '../errors';

/**
 * The structured credential settings, with the field names `@pulumi/alicloud` uses for its
 * provider config (`assumeRole`, `assumeRoleWithOidc`), and the named sets of this package.
 * Stack config hands every value over as a string, so each may also be JSON text.
 */

const text = z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' });
const seconds = z.union(
  [
    z.number().int().min(900).max(43200),
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(900).max(43200)),
  ],
  { error: 'must be a whole number of seconds from 900 to 43200' },
);

export const assumeRoleSchema = z
  .object({
    // Optional: ALICLOUD_ASSUME_ROLE_ARN / ALIBABA_CLOUD_ROLE_ARN fill it (resolve-source.ts).
    roleArn: text.optional(),
    sessionName: text.optional(),
    policy: text.optional(),
    sessionExpiration: seconds.optional(),
    externalId: text.optional(),
  })
  .strict();

export const assumeRoleWithOidcSchema = z
  .object({
    oidcProviderArn: text.optional(),
    roleArn: text.optional(),
    oidcToken: text.optional(),
    oidcTokenFile: text.optional(),
    roleSessionName: text.optional(),
    policy: text.optional(),
    sessionExpiration: seconds.optional(),
  })
  .strict();

/** One named Alibaba Cloud account: any one credential kind, under the `alicloud:` names. */
export const alicloudAccountSchema = z
  .object({
    accessKey: text.optional(),
    secretKey: text.optional(),
    securityToken: text.optional(),
    profile: text.optional(),
    sharedCredentialsFile: text.optional(),
    assumeRole: assumeRoleSchema.optional(),
    assumeRoleWithOidc: assumeRoleWithOidcSchema.optional(),
    ecsRoleName: text.optional(),
    credentialsUri: text.optional(),
  })
  .strict();

export const dingtalkAppSchema = z.object({ clientId: text, clientSecret: text }).strict();

/** Names of credential sets: what a resource's `app` or `account` input holds. */
export const CREDENTIAL_SET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const setName = z.string().regex(CREDENTIAL_SET_NAME, {
  error: 'names are 1-64 letters, digits, "_", "." or "-"',
});

export const alicloudAccountsSchema = z.record(setName, alicloudAccountSchema);
export const dingtalkAppsSchema = z.record(setName, dingtalkAppSchema);

/** `alicloud:assumeRole`: a RAM role assumed with the credentials found before it. */
export interface AssumeRoleSettings {
  /**
   * ARN of the role, e.g. `acs:ram::1234567890123456:role/chatops`. For the stack's own
   * `alicloud:assumeRole`, default `ALICLOUD_ASSUME_ROLE_ARN`, else `ALIBABA_CLOUD_ROLE_ARN`.
   */
  roleArn?: string;
  /** Session name shown in the role's audit trail. */
  sessionName?: string;
  /** A policy (JSON) that narrows what the session may do. */
  policy?: string;
  /** Lifetime of the temporary keys in seconds, 900 to 43200. */
  sessionExpiration?: number | string;
  /** The external id the role's trust policy asks for. */
  externalId?: string;
}

/** `alicloud:assumeRoleWithOidc`: a RAM role assumed with an OIDC token (CI pipelines). */
export interface AssumeRoleWithOidcSettings {
  /** ARN of the OIDC provider registered in RAM. */
  oidcProviderArn?: string;
  /** ARN of the role to assume. */
  roleArn?: string;
  /** The OIDC token itself (prefer `oidcTokenFile`). */
  oidcToken?: string;
  /** A file holding the OIDC token, read at each exchange. */
  oidcTokenFile?: string;
  /** Session name shown in the role's audit trail. */
  roleSessionName?: string;
  /** A policy (JSON) that narrows what the session may do. */
  policy?: string;
  /** Lifetime of the temporary keys in seconds, 900 to 43200. */
  sessionExpiration?: number | string;
}

/** One named Alibaba Cloud account of `chatops:alicloudAccounts`: any one credential kind. */
export interface AlicloudAccountSettings {
  /** AccessKey ID. */
  accessKey?: string;
  /** AccessKey secret. */
  secretKey?: string;
  /** STS security token, with temporary keys. */
  securityToken?: string;
  /** A profile of the `aliyun` CLI's config file. */
  profile?: string;
  /** The `aliyun` CLI's config file, when not `~/.aliyun/config.json`. */
  sharedCredentialsFile?: string;
  /** A RAM role to assume. */
  assumeRole?: AssumeRoleSettings;
  /** A RAM role to assume with an OIDC token. */
  assumeRoleWithOidc?: AssumeRoleWithOidcSettings;
  /** The RAM role of the ECS instance. */
  ecsRoleName?: string;
  /** A URI that serves temporary keys. */
  credentialsUri?: string;
}

/** One named DingTalk app of `chatops:dingtalkApps`. */
export interface DingTalkAppSettings {
  /** The app's client id (AppKey). */
  clientId: string;
  /** The app's client secret (AppSecret). */
  clientSecret: string;
}

// The interfaces above document the schemas' input types; these lines keep the two equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const inputTypesMatch: [
  Same<AssumeRoleSettings, z.input<typeof assumeRoleSchema>>,
  Same<AssumeRoleWithOidcSettings, z.input<typeof assumeRoleWithOidcSchema>>,
  Same<AlicloudAccountSettings, z.input<typeof alicloudAccountSchema>>,
  Same<DingTalkAppSettings, z.input<typeof dingtalkAppSchema>>,
] = [true, true, true, true];
void inputTypesMatch;

/**
 * Parses a structured setting given as an object or as JSON text. A problem becomes a
 * CONFIGURATION_ERROR naming `key` and the field; zod's messages name expected types and
 * ranges, never the value, which may be a secret.
 */
export function parseStructuredSetting<S extends z.ZodType>(
  schema: S,
  value: unknown,
  key: string,
): z.output<S> {
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw configurationError(`${key} is not valid JSON; set it to a JSON object`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = [key, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown field(s) ${issue.keys.join(', ')}`;
    }
    return `${path}: ${issue.message}`;
  });
  throw configurationError(problems.join('; '));
}

export function configurationError(message: string, operation?: string): ChatOpsError {
  return new ChatOpsError({ code: 'CONFIGURATION_ERROR', message, operation });
}
