import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'ini';
import { ChatOpsError } from '../errors';
import { configurationError } from './config-input';
import {
  MAX_PROFILE_FILE_BYTES,
  readCredentialFile,
  warnIfReadableByOthers,
} from './credential-file';
import { expandHome } from './home-path';
import { type AlicloudCredentialSource, DEFAULT_ROLE_SESSION_NAME } from './source';

/**
 * The vendor SDKs' credentials file, INI with one `[profile]` section each: the Node and Go
 * chains read `~/.alibabacloud/credentials` (the Python chain `~/.alibabacloud/credentials.ini`),
 * or the file named by `ALIBABA_CLOUD_CREDENTIALS_FILE`; the profile is the one named (by
 * `alicloud:profile` or `ALIBABA_CLOUD_PROFILE`), else `default`. Types, as the vendor's chains
 * read them: `access_key` (`access_key_id`, `access_key_secret`), `ram_role_arn` (those two plus
 * `role_arn`, `role_session_name`, `policy`), `oidc_role_arn` (`role_arn`, `oidc_provider_arn`,
 * `oidc_token_file_path`, `role_session_name`; the Python chain's) and `ecs_ram_role`
 * (`role_name`). Read when a call needs credentials, never cached.
 */

/** The file: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else the Node SDK's default location. */
export function iniCredentialsFile(env: NodeJS.ProcessEnv): string {
  const named = env.ALIBABA_CLOUD_CREDENTIALS_FILE?.trim();
  return named ? expandHome(named) : path.join(os.homedir(), '.alibabacloud', 'credentials');
}

/**
 * The credential source of a profile of the INI file; undefined when the file does not exist
 * or has no such section (the chain then goes on). A section with an unknown or incomplete
 * type fails, naming the file and the profile (one nobody named is passed over instead).
 */
export interface IniReadOptions {
  /** The session name of a role section that names none. */
  sessionName?: string;
  /** Given for a profile nobody named: an unknown type is passed over with this note. */
  passedOver?: (line: string) => void;
  /** Where a warning goes (a file holding keys that others can read). */
  warn?: (line: string) => void;
}

export function iniProfileSource(
  file: string,
  name: string,
  options: IniReadOptions = {},
): AlicloudCredentialSource | undefined {
  const { passedOver } = options;
  const defaultSessionName = options.sessionName ?? DEFAULT_ROLE_SESSION_NAME;
  let text: string | undefined;
  try {
    text = readCredentialFile(file, 'The Alibaba Cloud credentials file', MAX_PROFILE_FILE_BYTES);
    if (text === undefined) return undefined;
  } catch (error) {
    if (error instanceof ChatOpsError) throw error;
    throw configurationError(
      `The Alibaba Cloud credentials file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}. Fix its permissions, or point ALIBABA_CLOUD_CREDENTIALS_FILE elsewhere.`,
    );
  }
  const sections = parse(text) as Record<string, unknown>;
  const section = Object.prototype.hasOwnProperty.call(sections, name) ? sections[name] : undefined;
  if (typeof section !== 'object' || section === null) return undefined;
  const values = section as Record<string, unknown>;
  const origin = `profile "${name}" of ${file}`;
  if (typeof values.access_key_secret === 'string' && values.access_key_secret !== '') {
    warnIfReadableByOthers(file, 'The Alibaba Cloud credentials file', options.warn);
  }
  const field = (key: string): string => {
    const value = values[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    throw configurationError(
      `The ${origin} has type ${String(values.type)} but no ${key}: add "${key} = ..." to its section.`,
    );
  };
  const optional = (key: string): string | undefined => {
    const value = values[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const keys = () => ({
    kind: 'static' as const,
    accessKeyId: field('access_key_id'),
    accessKeySecret: field('access_key_secret'),
    origin,
  });
  switch (values.type) {
    case 'access_key':
      return keys();
    case 'ram_role_arn':
      return {
        kind: 'ramRoleArn',
        base: keys(),
        roleArn: field('role_arn'),
        roleSessionName: optional('role_session_name') ?? defaultSessionName,
        policy: optional('policy'),
        origin,
      };
    case 'oidc_role_arn':
      return {
        kind: 'oidc',
        roleArn: field('role_arn'),
        oidcProviderArn: field('oidc_provider_arn'),
        oidcTokenFile: expandHome(field('oidc_token_file_path')),
        roleSessionName: optional('role_session_name') ?? defaultSessionName,
        origin,
      };
    case 'ecs_ram_role':
      return { kind: 'ecsRamRole', roleName: optional('role_name'), origin };
    default:
      if (passedOver) {
        passedOver(
          `Passed over the ${origin}: its type ${String(values.type ?? '(none)')} gives no credentials this package can use; the next source of the chain is tried.`,
        );
        return undefined;
      }
      throw configurationError(
        `The ${origin} has type ${values.type === undefined ? '(none)' : `"${String(values.type)}"`}; this package reads access_key, ram_role_arn, oidc_role_arn and ecs_ram_role.`,
      );
  }
}
