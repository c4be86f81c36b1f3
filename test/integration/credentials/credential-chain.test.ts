import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createClientFactory, type ClientFactory } from '../../../provider/clients';
import type { ProviderSettings } from '../../../provider/config/settings';
import { resolveSettings } from '../../../provider/config/settings';
import { isChatOpsError } from '../../../provider/errors';
import { ISSUER, OIDC_PROVIDER, ROLE, accessKey } from '../../support/ram-identities';
import { SkippingClock } from '../../unit/helpers/clocks';

// The Alibaba Cloud credential chain against the emulator's STS, over plain loopback HTTP:
// each kind of temporary credential, shared and single-flight, renewed before it expires,
// and bad configuration refused before any call.

const BASE_KEY = accessKey('LTAI5tChainBaseKey', 'ChainBaseKeySecret1f9e3c7a');
const OTHER_KEY = accessKey('LTAI5tChainOtherKey', 'ChainOtherKeySecret5b2d8e');

/** An unsigned JWT-shaped token, as the emulator's provider without a key accepts. */
function oidcToken(claims: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    iss: ISSUER,
    aud: 'sts.aliyuncs.com',
    sub: 'repo:chatops:ref:main',
    exp: Math.floor(Date.now() / 1000) + 600,
    ...claims,
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.sig`;
}

let emulator: RunningEmulator;
let dir: string;
let factory: ClientFactory | undefined;

beforeAll(async () => {
  emulator = await startEmulator({
    accessKeys: [BASE_KEY, OTHER_KEY],
    ramRoles: [{ roleArn: ROLE, trustedAccessKeys: [BASE_KEY.accessKeyId] }],
    oidcProviders: [{ arn: OIDC_PROVIDER, issuer: ISSUER, clientIds: ['sts.aliyuncs.com'] }],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-chain-'));
});
afterAll(async () => {
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.clearRequests());
afterEach(async () => {
  await factory?.close();
  factory = undefined;
});

const endpoints = (): ProviderSettings => ({
  oosEndpoint: emulator.url,
  sasEndpoint: emulator.url,
  stsEndpoint: emulator.url,
  region: 'cn-hangzhou',
});

/** Clients reading `settings` and `env` (no process environment): what the provider does per call. */
function clients(settings: ProviderSettings, env: NodeJS.ProcessEnv = {}) {
  const fullEnv = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...env };
  factory = createClientFactory(() => resolveSettings({ ...endpoints(), ...settings }, fullEnv), {
    env: () => fullEnv,
  });
  return factory;
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const listChatConfigurations = (f: ClientFactory, account?: string) =>
  f.forSelection({ account }).oos.listChatConfigurations({ regionId: 'cn-hangzhou' });

function calls(action: string) {
  return emulator.requests().requests.filter((r) => r.action === action);
}

describe('temporary credentials from STS', () => {
  it('exchanges an OIDC token file named by the vendor variables, unsigned, then signs with the role', async () => {
    const tokenFile = write('oidc-token', oidcToken());
    const f = clients(
      {},
      {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      },
    );
    await listChatConfigurations(f);
    const [exchange] = calls('AssumeRoleWithOIDC');
    expect(exchange).toMatchObject({ status: 200, family: 'sts' });
    expect(exchange.principal).toBeUndefined();
    const [list] = calls('ListChatConfigurations');
    expect(list).toMatchObject({ status: 200, role: ROLE });
    expect(list.principal).toMatch(/^STS\./);
  });

  it('assumes alicloud:assumeRole with the static keys, once for many parallel calls', async () => {
    const f = clients({
      ...BASE_KEY,
      assumeRole: JSON.stringify({ roleArn: ROLE, sessionName: 'chain-test' }),
    });
    await Promise.all(Array.from({ length: 12 }, () => listChatConfigurations(f)));
    expect(calls('AssumeRole')).toHaveLength(1);
    expect(calls('AssumeRole')[0].principal).toBe(BASE_KEY.accessKeyId);
    expect(new Set(calls('ListChatConfigurations').map((r) => r.role))).toEqual(new Set([ROLE]));
  });

  it('reads a CLI profile file in RamRoleArn mode', async () => {
    const file = write(
      'config.json',
      JSON.stringify({
        current: 'default',
        profiles: [
          { name: 'default', mode: 'AK', access_key_id: 'x', access_key_secret: 'y' },
          {
            name: 'deployer',
            mode: 'RamRoleArn',
            access_key_id: BASE_KEY.accessKeyId,
            access_key_secret: BASE_KEY.accessKeySecret,
            ram_role_arn: ROLE,
            ram_session_name: 'profile-test',
          },
        ],
      }),
    );
    const f = clients({ profile: 'deployer', sharedCredentialsFile: file });
    await listChatConfigurations(f);
    expect(calls('AssumeRole')).toHaveLength(1);
    expect(calls('ListChatConfigurations')[0].role).toBe(ROLE);
  });

  it('renews keys before they expire, and once more when the service says they expired', async () => {
    const short = await startEmulator({
      accessKeys: [BASE_KEY],
      ramRoles: [{ roleArn: ROLE }],
      stsLifetimeSeconds: 2,
    });
    try {
      const env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
      factory = createClientFactory(
        () =>
          resolveSettings(
            {
              ...BASE_KEY,
              oosEndpoint: short.url,
              stsEndpoint: short.url,
              assumeRole: { roleArn: ROLE },
            },
            env,
          ),
        { env: () => env },
      );
      await listChatConfigurations(factory);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      // Half the 2 s lifetime has passed: renewed before use, never refused.
      await listChatConfigurations(factory);
      const log = short.requests().requests;
      expect(log.filter((r) => r.action === 'AssumeRole')).toHaveLength(2);
      expect(log.filter((r) => r.errorCode === 'InvalidSecurityToken.Expired')).toHaveLength(0);
      // Keys the service ends early are renewed on its answer.
      const expired = await fetch(`${short.url}/_emulator/sts/expire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      expect(await expired.json()).toEqual({ expired: 2 });
      await listChatConfigurations(factory);
      const after = short.requests().requests;
      expect(after.filter((r) => r.action === 'AssumeRole')).toHaveLength(3);
      expect(after.filter((r) => r.errorCode === 'InvalidSecurityToken.Expired')).toHaveLength(1);
    } finally {
      await short.stop();
    }
  });
});

describe('when temporary keys are renewed', () => {
  it("renews STS keys 15 minutes before they expire, the vendor chains' stale time", async () => {
    const env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    const clock = new SkippingClock(Date.now());
    factory = createClientFactory(
      () => resolveSettings({ ...BASE_KEY, ...endpoints(), assumeRole: { roleArn: ROLE } }, env),
      { env: () => env, clock },
    );
    const assumed = () => calls('AssumeRole').length;
    await listChatConfigurations(factory);
    expect(assumed()).toBe(1);
    // The emulator's keys live 3600 s: at 44 minutes they are still used...
    await clock.sleep(44 * 60_000);
    await listChatConfigurations(factory);
    expect(assumed()).toBe(1);
    // ...and past 45 minutes (15 before expiry) they are renewed.
    await clock.sleep(2 * 60_000);
    await listChatConfigurations(factory);
    expect(assumed()).toBe(2);
  });
});

describe('named accounts', () => {
  it('calls each account with its own credentials, the stack default with its own', async () => {
    const f = clients({
      ...BASE_KEY,
      alicloudAccounts: JSON.stringify({
        staging: { accessKey: OTHER_KEY.accessKeyId, secretKey: OTHER_KEY.accessKeySecret },
        prod: { assumeRole: { roleArn: ROLE } },
      }),
    });
    await listChatConfigurations(f);
    await listChatConfigurations(f, 'staging');
    await listChatConfigurations(f, 'prod');
    const lists = calls('ListChatConfigurations');
    expect(lists.map((r) => (r.principal?.startsWith('STS.') ? 'STS' : r.principal))).toEqual([
      BASE_KEY.accessKeyId,
      OTHER_KEY.accessKeyId,
      'STS',
    ]);
    // An account of only assumeRole assumes it with the stack's own identity.
    expect(calls('AssumeRole')[0].principal).toBe(BASE_KEY.accessKeyId);
  });
});

describe('bad configuration fails before any call, naming the key or file and no secret', () => {
  async function configurationError(
    settings: ProviderSettings,
    env: NodeJS.ProcessEnv = {},
    account?: string,
  ) {
    const f = clients(settings, env);
    const error = await listChatConfigurations(f, account).catch((e: unknown) => e);
    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
    expect(emulator.requests().total).toBe(0);
    const message = (error as Error).message;
    for (const secret of [BASE_KEY.accessKeySecret, OTHER_KEY.accessKeySecret]) {
      expect(message).not.toContain(secret);
    }
    return message;
  }

  it('a profile that does not exist', async () => {
    const file = write('one.json', JSON.stringify({ profiles: [{ name: 'a', mode: 'AK' }] }));
    const message = await configurationError({ profile: 'missing', sharedCredentialsFile: file });
    expect(message).toContain('"missing"');
    expect(message).toContain(file);
    expect(message).toContain('alicloud:profile');
  });

  it('a named profile without its file', async () => {
    const file = path.join(dir, 'nowhere.json');
    const message = await configurationError({ profile: 'dev', sharedCredentialsFile: file });
    expect(message).toContain(file);
  });

  it('a mode without its fields', async () => {
    const file = write(
      'partial.json',
      JSON.stringify({
        profiles: [
          {
            name: 'p',
            mode: 'RamRoleArn',
            access_key_id: 'id',
            access_key_secret: BASE_KEY.accessKeySecret,
          },
        ],
      }),
    );
    const message = await configurationError({ profile: 'p', sharedCredentialsFile: file });
    expect(message).toContain('ram_role_arn');
  });

  it('a mode this package does not support', async () => {
    const file = write(
      'bearer.json',
      JSON.stringify({ profiles: [{ name: 's', mode: 'BearerToken' }] }),
    );
    expect(await configurationError({ profile: 's', sharedCredentialsFile: file })).toContain(
      'mode BearerToken, which this package does not support',
    );
  });

  it('an unreadable OIDC token file', async () => {
    const missing = path.join(dir, 'no-token');
    const message = await configurationError(
      {},
      {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: missing,
      },
    );
    expect(message).toContain(missing);
    expect(message).toContain('ENOENT');
  });

  it('assumeRole without roleArn, and JSON that is not JSON', async () => {
    expect(await configurationError({ ...BASE_KEY, assumeRole: '{"sessionName":"x"}' })).toContain(
      'alicloud:assumeRole.roleArn',
    );
    expect(await configurationError({ ...BASE_KEY, assumeRole: '{roleArn' })).toContain(
      'alicloud:assumeRole is not valid JSON',
    );
  });

  it('an account name that is not configured', async () => {
    const message = await configurationError(
      { ...BASE_KEY, alicloudAccounts: { staging: { profile: 'x' } } },
      {},
      'prod',
    );
    expect(message).toContain('"prod"');
    expect(message).toContain('chatops:alicloudAccounts');
  });

  it('no credentials at all, with the metadata service off', async () => {
    expect(await configurationError({})).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });
});
