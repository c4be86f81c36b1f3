import * as fs from 'node:fs';
import defaultFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createClientFactory, type ClientFactory } from '../../../provider/clients';
import { resolveSettings, type ProviderSettings } from '../../../provider/config/settings';
import { isChatOpsError, type ChatOpsError } from '../../../provider/errors';
import { ACCOUNT, ROLE } from '../../support/ram-identities';

// CLI profiles of a person signed in, against the emulator's OAuth service and CloudSSO
// portal: the access token renewed with the rotating refresh token and written back, keys
// exchanged once for many calls and reused by the next process, expired sign-ins and refusals
// reported with the service's code and request id, and never a token.

const REFRESH = 'ChainOAuthRefreshToken7d2f9a1b';
const SSO_TOKEN = 'ChainCloudSsoAccessToken3e8c5f';
const SSO_ACCOUNT = '2223334445556667';

let emulator: RunningEmulator;
let dir: string;
let factory: ClientFactory | undefined;
const warnings: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    oauthSignIns: [{ refreshToken: REFRESH, roleArn: ROLE }],
    cloudSsoSignIns: [
      {
        accessToken: SSO_TOKEN,
        accessTokenExpiresAt: Date.now() + 3600_000,
        accountId: SSO_ACCOUNT,
        accessConfigurationId: 'ac-ops',
      },
    ],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-sign-in-'));
});
afterAll(async () => {
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.reset();
  emulator.clearRequests();
  warnings.length = 0;
});
afterEach(async () => {
  await factory?.close();
  factory = undefined;
});

/** A new provider process: a new factory over the same files. */
function clients(settings: ProviderSettings): ClientFactory {
  const env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
  const all: ProviderSettings = {
    oosEndpoint: emulator.url,
    stsEndpoint: emulator.url,
    oauthEndpoint: emulator.url,
    cloudSsoEndpoint: emulator.url,
    region: 'cn-hangzhou',
    ...settings,
  };
  factory = createClientFactory(() => resolveSettings(all, env), {
    env: () => env,
    log: (level, line) => {
      if (level === 'warn') warnings.push(line);
    },
  });
  return factory;
}

function profileFile(profile: Record<string, unknown>): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ current: profile.name, profiles: [profile] }));
  fs.chmodSync(file, 0o600);
  return file;
}

const profileIn = (file: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: Array<Record<string, unknown>> })
    .profiles[0];

const list = (f: ClientFactory) =>
  f.forSelection({}).oos.listChatConfigurations({ regionId: 'cn-hangzhou' });

const calls = (action: string) => emulator.requests().requests.filter((r) => r.action === action);

const oauthProfile = (extra: Record<string, unknown> = {}) => ({
  name: 'me',
  mode: 'OAuth',
  oauth_site_type: 'CN',
  oauth_access_token: 'ExpiredAccessToken',
  oauth_access_token_expire: Math.floor(Date.now() / 1000) - 10,
  oauth_refresh_token: REFRESH,
  ...extra,
});

describe('an OAuth profile', () => {
  it('renews the access token, saves the rotated tokens and keys, once for many calls', async () => {
    const file = profileFile(oauthProfile());
    const f = clients({ sharedCredentialsFile: file, profile: 'me' });
    await Promise.all(Array.from({ length: 8 }, () => list(f)));
    expect(calls('oauth/token')).toHaveLength(1);
    expect(calls('oauth/exchange')).toHaveLength(1);
    const listed = calls('ListChatConfigurations');
    expect(new Set(listed.map((r) => r.role))).toEqual(new Set([ROLE]));
    expect(new Set(listed.map((r) => r.account))).toEqual(new Set([ACCOUNT]));

    // What the service rotated is in the file: the old refresh token no longer works there.
    const saved = profileIn(file);
    const live = emulator.signIns().oauth[0];
    expect(saved.oauth_refresh_token).toBe(live.refreshToken);
    expect(saved.oauth_refresh_token).not.toBe(REFRESH);
    expect(saved.oauth_access_token_expire).toBeGreaterThan(Date.now() / 1000 + 1200);
    expect(saved.access_key_id).toBe(listed[0].principal);
    expect(saved.sts_expiration).toBeGreaterThan(Date.now() / 1000);
    expect(saved.mode).toBe('OAuth');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lets the next process use the keys the profile holds, without a call', async () => {
    const file = profileFile(oauthProfile());
    await list(clients({ sharedCredentialsFile: file, profile: 'me' }));
    await factory?.close();
    emulator.clearRequests();
    await list(clients({ sharedCredentialsFile: file, profile: 'me' }));
    expect(emulator.requests().requests.filter((r) => r.family === 'sign-in')).toEqual([]);
    expect(calls('ListChatConfigurations')[0].principal).toBe(profileIn(file).access_key_id);
  });

  it('asks for new keys when the service ended the held ones early', async () => {
    const file = profileFile(oauthProfile());
    const f = clients({ sharedCredentialsFile: file, profile: 'me' });
    await list(f);
    const first = profileIn(file).access_key_id;
    emulator.expireStsCredentials();
    await list(f);
    expect(calls('oauth/exchange')).toHaveLength(2);
    expect(profileIn(file).access_key_id).not.toBe(first);
  });

  it('uses a still valid access token as it is', async () => {
    const file = profileFile(oauthProfile());
    await list(clients({ sharedCredentialsFile: file, profile: 'me' }));
    const renewed = profileIn(file);
    // Only the keys are dropped: the access token renewed above still has an hour.
    fs.writeFileSync(
      file,
      JSON.stringify({
        profiles: [{ ...renewed, access_key_id: '', access_key_secret: '', sts_token: '' }],
      }),
    );
    emulator.clearRequests();
    await factory?.close();
    await list(clients({ sharedCredentialsFile: file, profile: 'me' }));
    expect(calls('oauth/token')).toHaveLength(0);
    expect(calls('oauth/exchange')).toHaveLength(1);
  });

  it('reports a refresh token the service refuses, with its code, and no token', async () => {
    const file = profileFile(oauthProfile({ oauth_refresh_token: 'RevokedRefreshToken9f' }));
    const error = (await list(clients({ sharedCredentialsFile: file, profile: 'me' })).catch(
      (e: unknown) => e,
    )) as ChatOpsError;
    expect(isChatOpsError(error, 'AUTH_FAILED')).toBe(true);
    expect(error.remoteCode).toBe('invalid_grant');
    expect(error.requestId).toBe(calls('oauth/token')[0].requestId);
    expect(error.message).toContain(`profile "me" of ${file}`);
    expect(error.message).toContain('aliyun configure --profile me --mode OAuth');
    expect(error.message).not.toMatch(/RevokedRefreshToken|ExpiredAccessToken/);
    expect(calls('ListChatConfigurations')).toHaveLength(0);
  });

  it('warns, and still deploys, when the rotated tokens cannot be saved', async () => {
    const file = profileFile(oauthProfile());
    // The write-back reads `fs` through its default export, which a spy can replace.
    const rename = jest.spyOn(defaultFs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    });
    try {
      await list(clients({ sharedCredentialsFile: file, profile: 'me' }));
    } finally {
      rename.mockRestore();
    }
    expect(calls('ListChatConfigurations')).toHaveLength(1);
    // The renewed tokens, then the exchanged keys: each failed save is reported.
    expect(warnings).toHaveLength(2);
    for (const line of warnings) {
      expect(line).toMatch(/OAuth tokens of the profile "me" .* could not be saved/);
    }
    expect(warnings.join('\n')).toContain('EROFS');
    expect(warnings.join('\n')).not.toContain(REFRESH);
    expect(profileIn(file).oauth_refresh_token).toBe(REFRESH);
  });
});

const ssoProfile = (extra: Record<string, unknown> = {}) => ({
  name: 'sso',
  mode: 'CloudSSO',
  cloud_sso_sign_in_url: 'https://signin-chain.alibabacloudsso.com/device/login',
  cloud_sso_account_id: SSO_ACCOUNT,
  cloud_sso_access_config: 'ac-ops',
  access_token: SSO_TOKEN,
  cloud_sso_access_token_expire: Math.floor(Date.now() / 1000) + 3600,
  ...extra,
});

describe('a CloudSSO profile', () => {
  it("exchanges the sign-in for the keys of the profile's account and access configuration", async () => {
    const file = profileFile(ssoProfile());
    const f = clients({ sharedCredentialsFile: file, profile: 'sso' });
    await Promise.all(Array.from({ length: 5 }, () => list(f)));
    expect(calls('cloudsso/cloud-credentials')).toHaveLength(1);
    const listed = calls('ListChatConfigurations');
    expect(new Set(listed.map((r) => r.account))).toEqual(new Set([SSO_ACCOUNT]));
    expect(listed[0].role).toBe(`acs:ram::${SSO_ACCOUNT}:role/AliyunReservedSSO-ac-ops`);
    expect(profileIn(file).access_key_id).toBe(listed[0].principal);
  });

  it('asks the person to sign in again when the sign-in has expired, calling nothing', async () => {
    const file = profileFile(
      ssoProfile({ cloud_sso_access_token_expire: Math.floor(Date.now() / 1000) - 1 }),
    );
    const error = (await list(clients({ sharedCredentialsFile: file, profile: 'sso' })).catch(
      (e: unknown) => e,
    )) as ChatOpsError;
    expect(isChatOpsError(error, 'AUTH_FAILED')).toBe(true);
    expect(error.message).toContain('aliyun configure --profile sso --mode CloudSSO');
    expect(emulator.requests().total).toBe(0);
  });

  it('reports an access configuration the user may not use, with the code and request id', async () => {
    const file = profileFile(ssoProfile({ cloud_sso_access_config: 'ac-admin' }));
    const error = (await list(clients({ sharedCredentialsFile: file, profile: 'sso' })).catch(
      (e: unknown) => e,
    )) as ChatOpsError;
    expect(isChatOpsError(error, 'AUTH_FAILED')).toBe(true);
    expect(error.remoteCode).toBe('NoPermission.AccessConfiguration');
    expect(error.requestId).toBe(calls('cloudsso/cloud-credentials')[0].requestId);
    expect(error.message).not.toContain(SSO_TOKEN);
  });
});
