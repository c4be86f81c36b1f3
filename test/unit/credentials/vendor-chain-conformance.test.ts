import * as fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import VendorCredential from '@alicloud/credentials';
import { resolveSettings } from '../../../provider/config/settings';
import { externalCredentials } from '../../../provider/credentials/external-process';
import { defaultCredentialSource } from '../../../provider/credentials/resolve-source';
import type { AlicloudCredentialSource } from '../../../provider/credentials/source';

/**
 * The vendor's own credential chain (`@alicloud/credentials`, the default chain of the Node
 * SDK) as the oracle: each setup (files under a temporary HOME, environment variables) is
 * resolved by this package and by the vendor's chain, offline, and both must pick the same
 * AccessKey ID. Where they must differ, the setup says why. No setup reaches the network: the
 * metadata service is disabled for both, and every source here is a file or a variable.
 */

/** Every setup runs with the metadata service disabled, for both chains. */
const OFFLINE = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
/**
 * The vendor's chain adds its URI source even when no URI is set, and would then look up the
 * host "undefined": it gets a URI on a closed loopback port, so should a setup fall through to
 * it, the attempt stays on this machine. It is its last source, so it changes no pick.
 */
const VENDOR_LAST_RESORT = { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:9/' };

interface Setup {
  name: string;
  env: Record<string, string>;
  /** The CLI's `~/.aliyun/config.json`, written under the temporary HOME. */
  cliProfiles?: { current?: string; profiles: object[] };
  /** The SDKs' INI file: at `~/.alibabacloud/credentials`, or at `path` under HOME. */
  ini?: { text: string; path?: string };
  /**
   * What this package picks, when it differs from the vendor's chain on purpose; `vendorFinds`
   * false when the vendor's chain finds nothing at all there.
   */
  ours?: { accessKeyId: string; why: string; vendorFinds?: false };
}

const ak = (name: string, id: string) => ({
  name,
  mode: 'AK',
  access_key_id: id,
  access_key_secret: `${id}-secret`,
});

const INI = [
  '[default]',
  'type = access_key',
  'access_key_id = ini-default',
  'access_key_secret = ini-default-secret',
  '',
  '[work]',
  'type = access_key',
  'access_key_id = ini-work',
  'access_key_secret = ini-work-secret',
  '',
].join('\n');

const SETUPS: Setup[] = [
  {
    name: 'the ALIBABA_CLOUD_* variables',
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-key', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' },
  },
  {
    name: 'the ALIBABA_CLOUD_* variables with an STS token',
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.env-key',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'env-token',
    },
  },
  {
    name: "the CLI file's current profile (AK)",
    env: {},
    cliProfiles: {
      current: 'work',
      profiles: [ak('default', 'cli-default'), ak('work', 'cli-work')],
    },
  },
  {
    name: 'the CLI profile named by ALIBABA_CLOUD_PROFILE',
    env: { ALIBABA_CLOUD_PROFILE: 'default' },
    cliProfiles: {
      current: 'work',
      profiles: [ak('default', 'cli-default'), ak('work', 'cli-work')],
    },
  },
  {
    name: 'a CLI profile in StsToken mode',
    env: {},
    cliProfiles: {
      current: 'sts',
      profiles: [
        {
          name: 'sts',
          mode: 'StsToken',
          access_key_id: 'STS.cli-key',
          access_key_secret: 'cli-secret',
          sts_token: 'cli-token',
        },
      ],
    },
  },
  {
    name: 'a CLI profile in External mode (its process_command prints the keys)',
    env: {},
    cliProfiles: {
      current: 'ext',
      profiles: [
        {
          name: 'ext',
          mode: 'External',
          process_command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(
            'process.stdout.write(JSON.stringify({mode:"AK",access_key_id:"external-key",access_key_secret:"external-secret"}))',
          )}`,
        },
      ],
    },
  },
  {
    name: 'the variables before a CLI profile',
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-key', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' },
    cliProfiles: { current: 'work', profiles: [ak('work', 'cli-work')] },
  },
  {
    name: "the INI file's default profile",
    env: {},
    ini: { text: INI },
  },
  {
    name: 'the INI profile named by ALIBABA_CLOUD_PROFILE',
    env: { ALIBABA_CLOUD_PROFILE: 'work' },
    ini: { text: INI },
  },
  {
    name: 'the INI file named by ALIBABA_CLOUD_CREDENTIALS_FILE',
    env: { ALIBABA_CLOUD_CREDENTIALS_FILE: '<home>/elsewhere.ini' },
    ini: { text: INI, path: 'elsewhere.ini' },
  },
  {
    name: "the CLI file's current profile before the INI file",
    env: {},
    cliProfiles: { current: 'work', profiles: [ak('work', 'cli-work')] },
    ini: { text: INI },
  },
  {
    name: 'the INI file when ALIBABA_CLOUD_CLI_PROFILE_DISABLED turns the CLI file off',
    env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' },
    cliProfiles: { current: 'work', profiles: [ak('work', 'cli-work')] },
    ini: { text: INI },
  },
  {
    name: 'the variables before the INI file',
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-key', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' },
    ini: { text: INI },
  },
  {
    name: 'a profile named by ALIBABA_CLOUD_PROFILE that only the INI file has',
    env: { ALIBABA_CLOUD_PROFILE: 'work' },
    cliProfiles: { current: 'other', profiles: [ak('other', 'cli-other')] },
    ini: { text: INI },
  },
  {
    name: 'only the ALICLOUD_* variables',
    env: { ALICLOUD_ACCESS_KEY: 'terraform-key', ALICLOUD_SECRET_KEY: 'terraform-secret' },
    ours: {
      accessKeyId: 'terraform-key',
      why: '@pulumi/alicloud and Terraform read the ALICLOUD_* family; the vendor chain does not',
      vendorFinds: false,
    },
  },
  {
    name: 'only the ALIBABACLOUD_* variables',
    env: {
      ALIBABACLOUD_ACCESS_KEY_ID: 'third-key',
      ALIBABACLOUD_ACCESS_KEY_SECRET: 'third-secret',
    },
    ours: {
      accessKeyId: 'third-key',
      why: 'Terraform reads ALIBABACLOUD_* as its third family; the vendor chain does not',
      vendorFinds: false,
    },
  },
  {
    name: 'a credentials URI in the environment beside a leftover CLI current profile',
    env: { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:9/credentials' },
    cliProfiles: { current: 'work', profiles: [ak('work', 'cli-work')] },
    ours: {
      accessKeyId: '(credentialsUri)',
      why: 'a source someone set beats a file that is merely there, as Terraform and @pulumi/alicloud read a profile only when one is named',
    },
  },
  {
    name: 'both variable families set',
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'vendor-key',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'vendor-secret',
      ALICLOUD_ACCESS_KEY: 'terraform-key',
      ALICLOUD_SECRET_KEY: 'terraform-secret',
    },
    ours: {
      accessKeyId: 'terraform-key',
      why: '@pulumi/alicloud and Terraform read ALICLOUD_* first: a stack using both providers acts as one identity',
    },
  },
];

let home: string;
/** The variables a setup changed in the real environment, and their values before. */
let changed: Map<string, string | undefined>;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-conformance-'));
  changed = new Map();
  // Both chains find the user's files through os.homedir(); the test's environment object is
  // not the process's, so HOME alone would not move it.
  jest.spyOn(os, 'homedir').mockReturnValue(home);
});
afterEach(() => {
  for (const [name, value] of changed) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  jest.restoreAllMocks();
  fs.rmSync(home, { recursive: true, force: true });
});

/**
 * Puts exactly `env` (plus HOME) into the real environment for the vendor's chain, which reads
 * `process.env` and `os.homedir()` itself: every Alibaba Cloud variable not in `env` is
 * removed for the test.
 */
function useEnvironment(env: Record<string, string>): void {
  const names = new Set([
    ...Object.keys(process.env).filter((name) => /^ALI(BABA_?)?CLOUD_/.test(name)),
    ...Object.keys(env),
  ]);
  for (const name of names) {
    changed.set(name, process.env[name]);
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
}

function writeCliProfiles(content: object): void {
  fs.mkdirSync(path.join(home, '.aliyun'));
  const file = path.join(home, '.aliyun', 'config.json');
  fs.writeFileSync(file, JSON.stringify(content));
  fs.chmodSync(file, 0o600);
}

function writeIni(ini: { text: string; path?: string }): void {
  const file = ini.path
    ? path.join(home, ini.path)
    : path.join(home, '.alibabacloud', 'credentials');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ini.text);
}

/**
 * This package's pick: the default chain, the way the provider resolves it at call time. Keys
 * read offline are named by their AccessKey ID, other sources by their kind.
 */
async function oursFor(env: NodeJS.ProcessEnv): Promise<string> {
  const source: AlicloudCredentialSource = defaultCredentialSource(resolveSettings({}, env), env);
  if (source.kind === 'static') return source.accessKeyId;
  // An External profile's command is local: run it, as the vendor's chain does.
  if (source.kind === 'external') return (await externalCredentials(source, Date.now)).accessKeyId;
  return `(${source.kind})`;
}

/** The vendor's pick, with the environment (and so `os.homedir()`) as the setup has it. */
async function vendorFor(env: Record<string, string>): Promise<string> {
  useEnvironment(env);
  const credential = new VendorCredential();
  const resolved = await credential.getCredential();
  return resolved.accessKeyId ?? '';
}

describe('the credential chain against the vendor`s own', () => {
  it.each(SETUPS.map((setup) => [setup.name, setup] as const))('%s', async (_name, setup) => {
    if (setup.cliProfiles) writeCliProfiles(setup.cliProfiles);
    if (setup.ini) writeIni(setup.ini);
    const named = Object.entries(setup.env).map(([k, v]) => [k, v.replace('<home>', home)]);
    const env = { HOME: home, ...OFFLINE, ...Object.fromEntries(named) };
    const vendor = await vendorFor({ ...env, ...VENDOR_LAST_RESORT }).catch(
      (error: Error) => error,
    );
    const ours = await oursFor({ ...env });
    if (setup.ours?.vendorFinds === false) {
      expect(vendor).toBeInstanceOf(Error);
      expect(ours).toBe(setup.ours.accessKeyId);
    } else if (setup.ours) {
      expect({ ours, why: setup.ours.why }).toEqual({
        ours: setup.ours.accessKeyId,
        why: setup.ours.why,
      });
      expect(vendor).not.toBe(ours);
    } else {
      expect(ours).toBe(vendor);
    }
  });
});
