import * as fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import {
  accountCredentialSource,
  defaultCredentialSource,
} from '../../../provider/credentials/resolve-source';
import { type ProviderSettings, resolveSettings } from '../../../provider/config/settings';

// Which source the chain picks, offline: the order of the vendor's default chain, stack
// config over the environment field by field, `@pulumi/alicloud`'s names too.

const OFF = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
const OIDC_CONFIG = {
  roleArn: 'acs:ram::1:role/ci',
  oidcProviderArn: 'acs:ram::1:oidc-provider/ci',
  oidcTokenFile: '/var/run/ci/token',
};
const OIDC_ENV = {
  ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/ci',
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/ci',
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/ci/token',
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-source-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function profileFile(profiles: object[], current?: string): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ current, profiles }));
  return file;
}

/** The chain's source for stack config `explicit` and the variables `env`, as the provider resolves them. */
function sourceOf(explicit: ProviderSettings, env: NodeJS.ProcessEnv) {
  return defaultCredentialSource(resolveSettings(explicit, env), env);
}

describe('the default chain', () => {
  it('tries in stack config: keys, OIDC, a named profile, a named ECS role, the URI', () => {
    const file = profileFile(
      [{ name: 'p', mode: 'AK', access_key_id: 'pk', access_key_secret: 'ps' }],
      'p',
    );
    const all: ProviderSettings = {
      accessKeyId: 'k',
      accessKeySecret: 's',
      assumeRoleWithOidc: { ...OIDC_CONFIG },
      sharedCredentialsFile: file,
      ecsRoleName: 'r',
      credentialsUri: 'http://127.0.0.1:1/creds',
    };
    expect(sourceOf(all, OFF).kind).toBe('static');
    const noKeys = { ...all, accessKeyId: undefined, accessKeySecret: undefined };
    expect(sourceOf(noKeys, OFF).kind).toBe('oidc');
    const noOidc = { ...noKeys, assumeRoleWithOidc: undefined };
    expect(sourceOf(noOidc, OFF)).toMatchObject({ kind: 'static', accessKeyId: 'pk' });
    const noProfile = { ...noOidc, sharedCredentialsFile: undefined };
    expect(sourceOf(noProfile, OFF).kind).toBe('ecsRamRole');
    expect(sourceOf({ ...noProfile, ecsRoleName: undefined }, OFF).kind).toBe('credentialsUri');
  });

  it("tries the environment after stack config, in the vendor chain's order", () => {
    const file = profileFile(
      [{ name: 'p', mode: 'AK', access_key_id: 'pk', access_key_secret: 'ps' }],
      'p',
    );
    const ini = path.join(dir, 'env-order.ini');
    fs.writeFileSync(
      ini,
      '[default]\ntype = access_key\naccess_key_id = ik\naccess_key_secret = is\n',
    );
    const env: NodeJS.ProcessEnv = {
      ...OFF,
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'ek',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'es',
      ...OIDC_ENV,
      ALIBABA_CLOUD_PROFILE: 'p',
      ALICLOUD_SHARED_CREDENTIALS_FILE: file,
      ALIBABA_CLOUD_CREDENTIALS_FILE: ini,
      ALIBABA_CLOUD_ECS_METADATA: 'r',
      ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/creds',
    };
    const without = (...names: string[]) =>
      Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
    // Any stack config source beats every variable.
    expect(sourceOf({ ecsRoleName: 'config-role' }, env)).toMatchObject({
      kind: 'ecsRamRole',
      roleName: 'config-role',
    });
    expect(sourceOf({}, env)).toMatchObject({ kind: 'static', accessKeyId: 'ek' });
    const noKeys = without('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(sourceOf({}, noKeys).kind).toBe('oidc');
    const noOidc = without(
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      ...Object.keys(OIDC_ENV),
    );
    expect(sourceOf({}, noOidc)).toMatchObject({ accessKeyId: 'pk' });
    const noProfile = {
      ...noOidc,
      ALIBABA_CLOUD_PROFILE: '',
      ALICLOUD_SHARED_CREDENTIALS_FILE: '',
    };
    expect(sourceOf({}, noProfile)).toMatchObject({ accessKeyId: 'ik' });
    const noIni = { ...noProfile, ALIBABA_CLOUD_CREDENTIALS_FILE: '' };
    expect(sourceOf({}, noIni)).toMatchObject({ kind: 'ecsRamRole', roleName: 'r' });
    expect(sourceOf({}, { ...noIni, ALIBABA_CLOUD_ECS_METADATA: '' }).kind).toBe('credentialsUri');
  });

  it('puts a named ECS role or URI before a profile nobody named, and after a named one', () => {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    fs.mkdirSync(path.join(home, '.aliyun'));
    const leftover = path.join(home, '.aliyun', 'config.json');
    fs.writeFileSync(
      leftover,
      JSON.stringify({
        current: 'left',
        profiles: [{ name: 'left', mode: 'AK', access_key_id: 'lk', access_key_secret: 'ls' }],
      }),
    );
    const spy = jest.spyOn(os, 'homedir').mockReturnValue(home);
    try {
      expect(sourceOf({ ecsRoleName: 'r' }, OFF).kind).toBe('ecsRamRole');
      expect(sourceOf({ credentialsUri: 'http://127.0.0.1:1/c' }, OFF).kind).toBe('credentialsUri');
      // Named, the profile comes first again; with nothing else, the leftover is used.
      expect(sourceOf({ profile: 'left', ecsRoleName: 'r' }, OFF)).toMatchObject({
        kind: 'static',
        accessKeyId: 'lk',
      });
      expect(sourceOf({}, OFF)).toMatchObject({ accessKeyId: 'lk' });
      // The INI file named by its variable comes before the leftover, after stack config.
      const ini = path.join(home, 'team.ini');
      fs.writeFileSync(
        ini,
        '[default]\ntype = access_key\naccess_key_id = ik\naccess_key_secret = is\n',
      );
      const iniEnv = { ...OFF, ALIBABA_CLOUD_CREDENTIALS_FILE: ini };
      expect(sourceOf({}, iniEnv)).toMatchObject({ kind: 'static', accessKeyId: 'ik' });
      expect(sourceOf({ credentialsUri: 'http://127.0.0.1:1/c' }, iniEnv).kind).toBe(
        'credentialsUri',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('needs all three OIDC variables; alicloud:assumeRoleWithOidc fills the rest from them', () => {
    const partial = { ...OFF, ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/ci' };
    const file = path.join(dir, 'absent.json');
    expect(() => defaultCredentialSource({ sharedCredentialsFile: file }, partial)).toThrow(
      /No Alibaba Cloud credentials/,
    );
    const source = defaultCredentialSource(
      { assumeRoleWithOidc: '{"oidcTokenFile":"/t","roleSessionName":"s"}' },
      { ...OFF, ...OIDC_ENV },
    );
    expect(source).toMatchObject({
      kind: 'oidc',
      roleArn: OIDC_ENV.ALIBABA_CLOUD_ROLE_ARN,
      oidcTokenFile: '/t',
      roleSessionName: 's',
    });
  });

  it('puts alicloud:assumeRole on top of whatever identity comes first', () => {
    const source = defaultCredentialSource(
      {
        accessKeyId: 'k',
        accessKeySecret: 's',
        assumeRole: { roleArn: 'acs:ram::1:role/x', sessionExpiration: 1800, externalId: 'e' },
      },
      OFF,
    );
    expect(source).toMatchObject({
      kind: 'ramRoleArn',
      roleArn: 'acs:ram::1:role/x',
      durationSeconds: 1800,
      externalId: 'e',
      base: { kind: 'static' },
    });
  });

  it('refuses half a key pair, naming both settings', () => {
    expect(() => defaultCredentialSource({ accessKeyId: 'k' }, OFF)).toThrow(
      /alicloud:secretKey \(or ALIBABA_CLOUD_ACCESS_KEY_SECRET\) is not set/,
    );
  });
});

describe('CLI profile modes', () => {
  const source = (profiles: object[], name: string) =>
    defaultCredentialSource({ profile: name, sharedCredentialsFile: profileFile(profiles) }, OFF);

  it('reads StsToken, EcsRamRole, OIDC and ChainableRamRoleArn', () => {
    expect(
      source(
        [
          {
            name: 'a',
            mode: 'StsToken',
            access_key_id: 'i',
            access_key_secret: 's',
            sts_token: 't',
          },
        ],
        'a',
      ),
    ).toMatchObject({ kind: 'static', securityToken: 't' });
    expect(source([{ name: 'e', mode: 'EcsRamRole', ram_role_name: 'r' }], 'e')).toMatchObject({
      kind: 'ecsRamRole',
      roleName: 'r',
    });
    expect(
      source(
        [
          {
            name: 'o',
            mode: 'OIDC',
            ram_role_arn: 'acs:ram::1:role/o',
            oidc_provider_arn: 'acs:ram::1:oidc-provider/o',
            oidc_token_file: '/tok',
          },
        ],
        'o',
      ),
    ).toMatchObject({ kind: 'oidc', oidcTokenFile: '/tok' });
    expect(
      source(
        [
          { name: 'base', mode: 'AK', access_key_id: 'i', access_key_secret: 's' },
          {
            name: 'c',
            mode: 'ChainableRamRoleArn',
            source_profile: 'base',
            ram_role_arn: 'acs:ram::1:role/c',
          },
        ],
        'c',
      ),
    ).toMatchObject({ kind: 'ramRoleArn', base: { kind: 'static', accessKeyId: 'i' } });
  });

  it('refuses a loop of source profiles', () => {
    expect(() =>
      source(
        [
          { name: 'a', mode: 'ChainableRamRoleArn', source_profile: 'b', ram_role_arn: 'r' },
          { name: 'b', mode: 'ChainableRamRoleArn', source_profile: 'a', ram_role_arn: 'r' },
        ],
        'a',
      ),
    ).toThrow(/loop/);
  });
});

describe('named accounts', () => {
  it('names the account and field of a bad set', () => {
    expect(() =>
      accountCredentialSource({ alicloudAccounts: '{"ci": {"accessKey": "k"}}' }, 'ci', OFF),
    ).toThrow(/chatops:alicloudAccounts "ci".secretKey/);
    expect(() =>
      accountCredentialSource({ alicloudAccounts: '{"ci": {"sessionToken": "t"}}' }, 'ci', OFF),
    ).toThrow(/unknown field\(s\) sessionToken/);
  });

  it('never reads the environment for a named account', () => {
    expect(() =>
      accountCredentialSource({ alicloudAccounts: { ci: {} } }, 'ci', { ...OFF, ...OIDC_ENV }),
    ).toThrow(/names no credentials/);
  });
});

describe('CLI profiles of a person signed in: OAuth, CloudSSO; and CredentialsURI', () => {
  const oauth = { name: 'o', mode: 'OAuth', oauth_refresh_token: 'r', oauth_site_type: 'INTL' };
  const sso = {
    name: 's',
    mode: 'CloudSSO',
    cloud_sso_sign_in_url: 'https://signin-abc.alibabacloudsso.com/device/login',
    cloud_sso_account_id: '1234',
    cloud_sso_access_config: 'ac-1',
    access_token: 't',
  };
  const named = (profile: object, settings: ProviderSettings = {}) =>
    sourceOf(
      {
        profile: (profile as { name: string }).name,
        sharedCredentialsFile: profileFile([profile]),
        ...settings,
      },
      OFF,
    );

  it("names the profile's site and the CLI's OAuth app, never a token", () => {
    const found = named(oauth);
    expect(found).toMatchObject({
      kind: 'oauth',
      profileName: 'o',
      signInUrl: 'https://oauth.alibabacloud.com',
      clientId: '4103531455503354461',
    });
    expect(JSON.stringify(found)).not.toMatch(/"r"/);
    expect(named({ ...oauth, oauth_site_type: undefined })).toMatchObject({
      signInUrl: 'https://oauth.aliyun.com',
      clientId: '4038181954557748008',
    });
    expect(named(oauth, { oauthEndpoint: 'http://127.0.0.1:9' })).toMatchObject({
      signInUrl: 'http://127.0.0.1:9',
    });
    expect(() => named({ ...oauth, oauth_site_type: 'EU' })).toThrow(
      /oauth_site_type "EU".*CN or INTL/,
    );
    expect(() => named({ ...oauth, oauth_refresh_token: undefined })).toThrow(
      /neither an access token nor a refresh token.*aliyun configure --profile o --mode OAuth/,
    );
  });

  it("takes CloudSSO's sign-in URL from the profile, checked like an endpoint", () => {
    expect(named(sso)).toMatchObject({ kind: 'cloudSso', signInUrl: sso.cloud_sso_sign_in_url });
    expect(named(sso, { cloudSsoEndpoint: 'http://127.0.0.1:9' })).toMatchObject({
      signInUrl: 'http://127.0.0.1:9',
    });
    expect(() => named({ ...sso, cloud_sso_sign_in_url: 'http://sso.example.com' })).toThrow(
      /cloud_sso_sign_in_url of the profile "s".*plain http/,
    );
    expect(() => named({ ...sso, cloud_sso_access_config: '' })).toThrow(/cloud_sso_access_config/);
  });

  it('reads a CredentialsURI profile', () => {
    expect(
      named({ name: 'u', mode: 'CredentialsURI', credentials_uri: 'http://127.0.0.1:9/c' }),
    ).toMatchObject({ kind: 'credentialsUri', uri: 'http://127.0.0.1:9/c' });
  });
});

describe('files found without being named', () => {
  it('pass over a current profile or INI default the package cannot use, with a debug note', () => {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    fs.mkdirSync(path.join(home, '.aliyun'));
    fs.mkdirSync(path.join(home, '.alibabacloud'));
    fs.writeFileSync(
      path.join(home, '.aliyun', 'config.json'),
      JSON.stringify({ current: 'b', profiles: [{ name: 'b', mode: 'BearerToken' }] }),
    );
    fs.writeFileSync(
      path.join(home, '.alibabacloud', 'credentials'),
      '[default]\ntype = rsa_key_pair\n',
    );
    const spy = jest.spyOn(os, 'homedir').mockReturnValue(home);
    try {
      const notes: string[] = [];
      const env = { ...OFF };
      expect(() =>
        defaultCredentialSource(resolveSettings({}, env), env, { note: (n) => notes.push(n) }),
      ).toThrow(/No Alibaba Cloud credentials found/);
      expect(notes).toEqual([
        expect.stringMatching(/current profile "b" .* mode BearerToken/),
        expect.stringMatching(/profile "default" .* type rsa_key_pair/),
      ]);
      // Named, the same profile fails, naming its mode.
      expect(() => sourceOf({ profile: 'b' }, env)).toThrow(
        /mode BearerToken, which this package does not support/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe("@pulumi/alicloud's variables inside a declared block", () => {
  const keys = { accessKeyId: 'k', accessKeySecret: 's' };

  it('fills alicloud:assumeRole from ALICLOUD_ASSUME_ROLE_* before ALIBABA_CLOUD_ROLE_*', () => {
    const env = {
      ...OFF,
      ALICLOUD_ASSUME_ROLE_ARN: 'acs:ram::1:role/tf',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/sdk',
      ALICLOUD_ASSUME_ROLE_SESSION_NAME: 'tf-session',
      ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: '1800',
    };
    expect(sourceOf({ ...keys, assumeRole: '{}' }, env)).toMatchObject({
      kind: 'ramRoleArn',
      roleArn: 'acs:ram::1:role/tf',
      roleSessionName: 'tf-session',
      durationSeconds: 1800,
    });
    expect(
      sourceOf(
        { ...keys, assumeRole: '{}' },
        { ...OFF, ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/sdk' },
      ),
    ).toMatchObject({ roleArn: 'acs:ram::1:role/sdk' });
    // Without a declared block, the variables assume nothing.
    expect(sourceOf(keys, env)).toMatchObject({ kind: 'static' });
  });

  it('fills the token of alicloud:assumeRoleWithOidc from ALIBABA_CLOUD_OIDC_TOKEN', () => {
    const found = sourceOf(
      {
        assumeRoleWithOidc: {
          roleArn: 'acs:ram::1:role/o',
          oidcProviderArn: 'acs:ram::1:oidc-provider/o',
        },
      },
      { ...OFF, ALIBABA_CLOUD_OIDC_TOKEN: 'jwt-from-env' },
    );
    expect(found).toMatchObject({ kind: 'oidc', oidcToken: 'jwt-from-env' });
    expect(found).not.toHaveProperty('oidcTokenFile', expect.anything());
  });
});
