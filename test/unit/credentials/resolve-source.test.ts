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
