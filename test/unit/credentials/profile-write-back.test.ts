import * as fs from 'node:fs';
import defaultFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { updateCliProfile } from '../../../provider/credentials/profile-write-back';

// Rotated tokens go back into the CLI's file the way the CLI saves it: read afresh, only the
// named profile's fields changed, replaced in one rename, permissions kept, links followed.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-write-back-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const CONFIG = {
  current: 'me',
  profiles: [
    { name: 'me', mode: 'OAuth', oauth_refresh_token: 'old', region_id: 'cn-hangzhou' },
    { name: 'other', mode: 'AK', access_key_id: 'k', access_key_secret: 's' },
  ],
  meta_path: '',
  unknown_field: { kept: true },
};

function configFile(mode = 0o600): string {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(CONFIG));
  fs.chmodSync(file, mode);
  return file;
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as typeof CONFIG;

describe('writing a profile back', () => {
  it('changes only the given fields of the named profile, keeping everything else', () => {
    const file = configFile();
    expect(updateCliProfile(file, 'me', { oauth_refresh_token: 'new', sts_expiration: 42 })).toBe(
      true,
    );
    const after = read(file);
    expect(after.profiles[0]).toEqual({
      ...CONFIG.profiles[0],
      oauth_refresh_token: 'new',
      sts_expiration: 42,
    });
    expect(after.profiles[1]).toEqual(CONFIG.profiles[1]);
    expect(after.unknown_field).toEqual({ kept: true });
    expect(after.current).toBe('me');
  });

  it('replaces the file by a rename (a new inode), leaving no temporary file, mode kept', () => {
    const file = configFile(0o640);
    const before = fs.statSync(file).ino;
    updateCliProfile(file, 'me', { oauth_access_token: 'a' });
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['config.json']);
  });

  it('writes where a symlink points, keeping the link', () => {
    const real = configFile();
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(real, link);
    updateCliProfile(link, 'me', { oauth_refresh_token: 'via-link' });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read(real).profiles[0].oauth_refresh_token).toBe('via-link');
  });

  it('writes nothing when the profile or the file is gone', () => {
    const file = configFile();
    const text = fs.readFileSync(file, 'utf8');
    expect(updateCliProfile(file, 'renamed', { oauth_refresh_token: 'x' })).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(updateCliProfile(path.join(dir, 'absent.json'), 'me', {})).toBe(false);
    expect(fs.existsSync(path.join(dir, 'absent.json'))).toBe(false);
  });

  it('leaves the old file whole and no temporary file when the write fails', () => {
    const file = configFile();
    const text = fs.readFileSync(file, 'utf8');
    // The module reads `fs` through its default export, which a spy can replace.
    const spy = jest.spyOn(defaultFs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('rename refused'), { code: 'EXDEV' });
    });
    try {
      expect(() => updateCliProfile(file, 'me', { oauth_refresh_token: 'x' })).toThrow(
        'rename refused',
      );
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['config.json']);
  });
});
