import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MAX_PROFILE_FILE_BYTES,
  MAX_TOKEN_FILE_BYTES,
  readCredentialFile,
  resetFileWarnings,
} from '../../../provider/credentials/credential-file';
import { iniProfileSource } from '../../../provider/credentials/ini-file';
import { profileSource } from '../../../provider/credentials/profile-file';

// Token and profile files: regular files of credential size only (symlinks followed), and a
// warning when a file holding keys is readable by other users.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-credfile-'));
  resetFileWarnings();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string, mode = 0o600): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode);
  return file;
}

describe('reading a credentials file', () => {
  it('follows symlinks, as Kubernetes projects its tokens', () => {
    const target = write('..data-token', 'jwt');
    const link = path.join(dir, 'token');
    fs.symlinkSync(target, link);
    expect(readCredentialFile(link, 'The token file', MAX_TOKEN_FILE_BYTES)).toBe('jwt');
  });

  it('is undefined for a missing file', () => {
    expect(readCredentialFile(path.join(dir, 'none'), 'x', 10)).toBeUndefined();
  });

  it('refuses a file larger than the cap before reading it, naming the file', () => {
    const big = write('big', 'x'.repeat(MAX_TOKEN_FILE_BYTES + 1));
    expect(() => readCredentialFile(big, 'The OIDC token file', MAX_TOKEN_FILE_BYTES)).toThrow(
      new RegExp(`The OIDC token file ${big} has ${MAX_TOKEN_FILE_BYTES + 1} bytes`),
    );
  });

  it('refuses what is not a regular file: a directory, a device', () => {
    expect(() => readCredentialFile(dir, 'The token file', 10)).toThrow(/not a regular file/);
    expect(() => readCredentialFile('/dev/zero', 'The token file', 10)).toThrow(
      /not a regular file/,
    );
  });

  it('holds the profile and INI readers to the cap', () => {
    const huge = JSON.stringify({ profiles: [], pad: 'x'.repeat(MAX_PROFILE_FILE_BYTES) });
    const file = write('config.json', huge);
    expect(() => profileSource({ name: 'p', file, nameSetting: 'p', fileSetting: 'f' })).toThrow(
      /more than the/,
    );
    const ini = write('credentials', `[default]\n; ${'x'.repeat(MAX_PROFILE_FILE_BYTES)}\n`);
    expect(() => iniProfileSource(ini, 'default')).toThrow(/more than the/);
  });
});

describe('a file holding keys that others can read', () => {
  const cli = JSON.stringify({
    current: 'p',
    profiles: [{ name: 'p', mode: 'AK', access_key_id: 'id', access_key_secret: 'secret' }],
  });
  const request = (file: string, warn: (line: string) => void) => ({
    name: 'p',
    file,
    nameSetting: 'p',
    fileSetting: 'f',
    warn,
  });

  it('is warned about once, naming the file and the fix, never a value', () => {
    const warnings: string[] = [];
    const file = write('config.json', cli, 0o644);
    profileSource(request(file, (l) => warnings.push(l)));
    profileSource(request(file, (l) => warnings.push(l)));
    expect(warnings).toEqual([expect.stringContaining(`chmod 600 ${file}`)]);
    expect(warnings[0]).not.toContain('secret');
    const ini = write(
      'credentials',
      '[default]\ntype = access_key\naccess_key_id = i\naccess_key_secret = s\n',
      0o640,
    );
    iniProfileSource(ini, 'default', { warn: (l) => warnings.push(l) });
    expect(warnings[1]).toContain(`chmod 600 ${ini}`);
  });

  it('is not warned about when private, or when it holds no secret', () => {
    const warnings: string[] = [];
    profileSource(request(write('private.json', cli, 0o600), (l) => warnings.push(l)));
    const roleOnly = JSON.stringify({
      profiles: [{ name: 'p', mode: 'EcsRamRole', ram_role_name: 'r' }],
    });
    profileSource(request(write('role.json', roleOnly, 0o644), (l) => warnings.push(l)));
    expect(warnings).toEqual([]);
  });
});
