import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { iniCredentialsFile, iniProfileSource } from '../../../provider/credentials/ini-file';

// The SDKs' INI credentials file, each type as the vendor's chains read it.

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-ini-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function iniFile(text: string): string {
  const file = path.join(dir, `credentials-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, text);
  return file;
}

describe('the INI credentials file', () => {
  it('reads each type into the source the chain runs', () => {
    const file = iniFile(
      [
        '[keys]',
        'type = access_key',
        'access_key_id = ak',
        'access_key_secret = sk',
        '[role]',
        'type = ram_role_arn',
        'access_key_id = ak',
        'access_key_secret = sk',
        'role_arn = acs:ram::1:role/deployer',
        'role_session_name = ops',
        '[oidc]',
        'type = oidc_role_arn',
        'role_arn = acs:ram::1:role/ci',
        'oidc_provider_arn = acs:ram::1:oidc-provider/ci',
        'oidc_token_file_path = /var/run/token',
        '[ecs]',
        'type = ecs_ram_role',
        'role_name = EcsRole',
      ].join('\n'),
    );
    expect(iniProfileSource(file, 'keys')).toMatchObject({ kind: 'static', accessKeyId: 'ak' });
    expect(iniProfileSource(file, 'role')).toMatchObject({
      kind: 'ramRoleArn',
      roleArn: 'acs:ram::1:role/deployer',
      roleSessionName: 'ops',
      base: { kind: 'static', accessKeyId: 'ak' },
    });
    expect(iniProfileSource(file, 'oidc')).toMatchObject({
      kind: 'oidc',
      oidcProviderArn: 'acs:ram::1:oidc-provider/ci',
      oidcTokenFile: '/var/run/token',
      roleSessionName: 'pulumi-dingtalk-chatops',
    });
    expect(iniProfileSource(file, 'ecs')).toMatchObject({
      kind: 'ecsRamRole',
      roleName: 'EcsRole',
    });
  });

  it('goes on when the file or the section is missing', () => {
    expect(iniProfileSource(path.join(dir, 'absent'), 'default')).toBeUndefined();
    expect(iniProfileSource(iniFile('[other]\ntype = access_key\n'), 'default')).toBeUndefined();
    expect(
      iniProfileSource(iniFile('[__proto__]\ntype = access_key\n'), 'toString'),
    ).toBeUndefined();
  });

  it('fails on an unknown type or a missing field, naming the file and the profile, never a value', () => {
    const unknown = iniFile('[default]\ntype = bearer\nbearer_token = very-secret-token\n');
    expect(() => iniProfileSource(unknown, 'default')).toThrow(
      /profile "default" of .* has type "bearer"; this package reads access_key/,
    );
    const partial = iniFile('[default]\ntype = access_key\naccess_key_id = ak\n');
    expect(() => iniProfileSource(partial, 'default')).toThrow(/no access_key_secret/);
  });

  it('is at ~/.alibabacloud/credentials unless ALIBABA_CLOUD_CREDENTIALS_FILE names one (~ expanded)', () => {
    expect(iniCredentialsFile({})).toBe(path.join(os.homedir(), '.alibabacloud', 'credentials'));
    expect(iniCredentialsFile({ ALIBABA_CLOUD_CREDENTIALS_FILE: '~/x.ini' })).toBe(
      path.join(os.homedir(), 'x.ini'),
    );
  });
});
