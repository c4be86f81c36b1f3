import * as fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import {
  accountCredentialSource,
  defaultCredentialSource,
} from '../../../provider/credentials/resolve-source';

// Which source the chain picks, offline: the order of the vendor's default chain, stack
// config over the environment field by field, `@pulumi/alicloud`'s names too.

const OFF = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
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

describe('the default chain', () => {
  it('takes keys first, then OIDC, then the profile, then a named ECS role, then the URI', () => {
    const file = profileFile(
      [{ name: 'p', mode: 'AK', access_key_id: 'pk', access_key_secret: 'ps' }],
      'p',
    );
    const all = {
      accessKeyId: 'k',
      accessKeySecret: 's',
      sharedCredentialsFile: file,
      ecsRoleName: 'r',
      credentialsUri: 'http://127.0.0.1:1/creds',
    };
    const env = { ...OFF, ...OIDC_ENV };
    expect(defaultCredentialSource(all, env).kind).toBe('static');
    const noKeys = { ...all, accessKeyId: undefined, accessKeySecret: undefined };
    expect(defaultCredentialSource(noKeys, env).kind).toBe('oidc');
    expect(defaultCredentialSource(noKeys, OFF)).toMatchObject({
      kind: 'static',
      accessKeyId: 'pk',
    });
    const noProfile = { ...noKeys, sharedCredentialsFile: path.join(dir, 'absent.json') };
    expect(defaultCredentialSource(noProfile, OFF).kind).toBe('ecsRamRole');
    expect(defaultCredentialSource({ ...noProfile, ecsRoleName: undefined }, OFF).kind).toBe(
      'credentialsUri',
    );
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
      expect(defaultCredentialSource({ ecsRoleName: 'r' }, OFF).kind).toBe('ecsRamRole');
      expect(defaultCredentialSource({ credentialsUri: 'http://127.0.0.1:1/c' }, OFF).kind).toBe(
        'credentialsUri',
      );
      // Named, the profile comes first again; with nothing else, the leftover is used.
      expect(defaultCredentialSource({ profile: 'left', ecsRoleName: 'r' }, OFF)).toMatchObject({
        kind: 'static',
        accessKeyId: 'lk',
      });
      expect(defaultCredentialSource({}, OFF)).toMatchObject({ accessKeyId: 'lk' });
      // An INI file named by its variable is read before the leftover, and before the URI.
      const ini = path.join(home, 'team.ini');
      fs.writeFileSync(
        ini,
        '[default]\ntype = access_key\naccess_key_id = ik\naccess_key_secret = is\n',
      );
      expect(
        defaultCredentialSource(
          { credentialsUri: 'http://127.0.0.1:1/c' },
          { ...OFF, ALIBABA_CLOUD_CREDENTIALS_FILE: ini },
        ),
      ).toMatchObject({ kind: 'static', accessKeyId: 'ik' });
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
