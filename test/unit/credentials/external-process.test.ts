import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { externalCredentials, splitCommand } from '../../../provider/credentials/external-process';
import { profileSource } from '../../../provider/credentials/profile-file';
// The vendor's own splitter, the oracle (a development dependency).
import { splitProcessCommand as vendorSplit } from '@alicloud/credentials/dist/src/utils/command';

// CLI profiles of mode External: a command that prints credentials. It runs without a shell,
// with a timeout, only from a file no one else can write, and its output never reaches a
// message.

const SECRET = 'ExternalSecretNeverPrinted7c1e';
const NODE = JSON.stringify(process.execPath);

// Made at load: the table of failing commands below is built before any hook runs.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-external-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A script file printing `output` (or doing `body`), and the command that runs it. */
function command(body: string): string {
  const script = path.join(dir, `cmd-${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(script, body);
  return `${NODE} ${JSON.stringify(script)}`;
}
const printing = (value: unknown) =>
  command(`process.stdout.write(${JSON.stringify(JSON.stringify(value))});`);

function profileFile(processCommand: string, mode = 0o600): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      current: 'ext',
      profiles: [{ name: 'ext', mode: 'External', process_command: processCommand }],
    }),
  );
  fs.chmodSync(file, mode);
  return file;
}

const source = (cmd: string) => ({
  kind: 'external' as const,
  command: cmd,
  origin: 'profile "ext"',
});
const now = () => Date.parse('2030-01-01T00:00:00Z');

describe('External CLI profiles', () => {
  it('read the command from a private profile file', () => {
    const cmd = printing({});
    expect(
      profileSource({ file: profileFile(cmd), nameSetting: 'p', fileSetting: 'f' }),
    ).toMatchObject({ kind: 'external', command: cmd });
  });

  it('refuse a profile file that others can write', () => {
    const file = profileFile(printing({}), 0o666);
    expect(() => profileSource({ file, nameSetting: 'p', fileSetting: 'f' })).toThrow(
      /writable by others.*chmod 600/,
    );
  });

  it('take AK and StsToken output, with its expiration or an hour', async () => {
    await expect(
      externalCredentials(
        source(printing({ mode: 'AK', access_key_id: 'ext-ak', access_key_secret: SECRET })),
        now,
      ),
    ).resolves.toEqual({
      accessKeyId: 'ext-ak',
      accessKeySecret: SECRET,
      expiresAt: now() + 3600_000,
    });
    await expect(
      externalCredentials(
        source(
          printing({
            mode: 'StsToken',
            access_key_id: 'STS.ext',
            access_key_secret: SECRET,
            sts_token: 'ext-token',
            expiration: '2030-01-01T06:00:00Z',
          }),
        ),
        now,
      ),
    ).resolves.toMatchObject({
      securityToken: 'ext-token',
      expiresAt: Date.parse('2030-01-01T06:00:00Z'),
    });
  });

  it.each([
    [
      'fails',
      command(`process.stdout.write(${JSON.stringify(SECRET)}); process.exit(3);`),
      /failed \(exit code 3\)/,
    ],
    [
      'prints garbage',
      command(`process.stdout.write('not json ' + ${JSON.stringify(SECRET)});`),
      /not JSON/,
    ],
    [
      'prints no keys',
      printing({ mode: 'AK', access_key_secret: SECRET }),
      /without access_key_id/,
    ],
    ['hangs', command('setTimeout(() => {}, 60000);'), /did not finish within 0\.5 s/],
    ['is not there', '/nonexistent/credential-helper --json', /not there/],
  ])('name the profile, never the output, when the command %s', async (_what, cmd, reason) => {
    const error = await externalCredentials(source(cmd), now, 500).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'CONFIGURATION_ERROR' });
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain('profile "ext"');
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('split a command into words exactly as the vendor splits process_command', () => {
    for (const line of [
      'helper --json',
      `helper --profile "my team" 'a b'  c`,
      'a\\ b "c \\"d\\" \\x" \'e\\f\' "" g',
      '"/opt/my tools/cred" --role=ops\\\n --region cn-hangzhou',
      "echo 'it''s' \"$HOME\" \\$HOME",
    ]) {
      expect(splitCommand(line)).toEqual(vendorSplit(line, false));
    }
  });

  it('split a command into words without a shell', () => {
    expect(splitCommand(`helper --profile "my team" 'a b'  c`)).toEqual([
      'helper',
      '--profile',
      'my team',
      'a b',
      'c',
    ]);
    expect(splitCommand('echo $HOME; rm -rf x')).toEqual(['echo', '$HOME;', 'rm', '-rf', 'x']);
    // POSIX escapes, as the vendor's splitter reads them.
    expect(splitCommand('a\\ b "c \\"d\\" \\x" \'e\\f\' "" g')).toEqual([
      'a b',
      'c "d" \\x',
      'e\\f',
      '',
      'g',
    ]);
  });
});
