import { checkOutboundUrl, resetOutboundWarnings } from '../../../provider/config/endpoint-rule';
import { resolveSettings } from '../../../provider/config/settings';
import { uriCredentials } from '../../../provider/credentials/credentials-uri';
import { profileSource } from '../../../provider/credentials/profile-file';
import type { HttpLayer } from '../../../provider/http/http-layer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// One rule for every URL the package sends to: https, or http to loopback; no user info; only
// the vendors' domains unless the environment (never stack config) allows a host by name.

const ENDPOINT_SETTINGS = [
  ['stsEndpoint', 'ALIBABA_CLOUD_STS_ENDPOINT'],
  ['oauthEndpoint', 'ALIBABA_CLOUD_OAUTH_ENDPOINT'],
  ['cloudSsoEndpoint', 'ALIBABA_CLOUD_CLOUDSSO_ENDPOINT'],
  ['oosEndpoint', 'ALIBABA_CLOUD_OOS_ENDPOINT'],
  ['sasEndpoint', 'ALIBABA_CLOUD_SAS_ENDPOINT'],
  ['dingtalkApiEndpoint', 'DINGTALK_API_ENDPOINT'],
  ['dingtalkOapiEndpoint', 'DINGTALK_OAPI_ENDPOINT'],
  ['credentialsUri', 'ALIBABA_CLOUD_CREDENTIALS_URI'],
] as const;

const REFUSED = [
  ['a host outside the vendors', 'https://collector.example.net/x', /outside the vendors' domains/],
  ['a look-alike suffix', 'https://oos.aliyuncs.com.example.net', /outside the vendors' domains/],
  ['a look-alike name', 'https://evilaliyuncs.com', /outside the vendors' domains/],
  ['plain http to a vendor', 'http://oos.cn-hangzhou.aliyuncs.com', /plain http/],
  ['plain http to a private address', 'http://10.0.0.8:8080', /plain http/],
  ['user info', 'https://user:pw@api.dingtalk.com', /user name or password/],
  ['another scheme', 'ftp://files.internal.example', /not a full http\(s\) URL/],
] as const;

beforeEach(() => resetOutboundWarnings());

describe.each(ENDPOINT_SETTINGS)('the setting %s', (setting, variable) => {
  it.each(REFUSED)('refuses %s, naming the setting and not the value', (_what, url, problem) => {
    for (const [explicit, env] of [
      [{ [setting]: url }, {}],
      [{}, { [variable]: url }],
    ] as const) {
      let message = '';
      try {
        resolveSettings(explicit, env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(problem);
      expect(message).toContain(setting);
      expect(message).not.toContain(new URL(url).host || url);
    }
  });

  it('accepts loopback over http and the vendors over https', () => {
    const vendor = setting.startsWith('dingtalk')
      ? 'https://api.dingtalk.com'
      : 'https://sts-vpc.cn-hangzhou.aliyuncs.com';
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:1', vendor]) {
      expect(() => resolveSettings({ [setting]: url }, {})).not.toThrow();
    }
  });
});

describe('the opt-in for other hosts', () => {
  it('comes from the environment only, with one warning naming the host', () => {
    const warnings: string[] = [];
    const check = (value: string, env: NodeJS.ProcessEnv) =>
      checkOutboundUrl(value, {
        where: 'Setting x',
        otherwise: 'or unset it',
        env,
        warn: (line) => warnings.push(line),
      });
    const env = { PULUMI_CHATOPS_ALLOWED_HOSTS: 'gateway.corp.example, http://emulator:8080' };
    expect(check('https://gateway.corp.example/oos', env)).toBe('https://gateway.corp.example/oos');
    expect(check('https://gateway.corp.example:8443', env)).toBe(
      'https://gateway.corp.example:8443',
    );
    expect(check('http://emulator:8080', env)).toBe('http://emulator:8080');
    // http only to exactly the host and port allowed; https to a host named only for http too.
    expect(() => check('http://emulator:9090', env)).toThrow(/plain http/);
    expect(() => check('http://gateway.corp.example', env)).toThrow(/plain http/);
    expect(() => check('https://other.corp.example', env)).toThrow(/PULUMI_CHATOPS_ALLOWED_HOSTS/);
    check('https://gateway.corp.example/again', env);
    expect(warnings).toEqual([
      expect.stringContaining('reaches gateway.corp.example,'),
      expect.stringContaining('reaches gateway.corp.example:8443'),
      expect.stringContaining('reaches emulator:8080'),
    ]);
  });

  it('cannot be given by stack config', () => {
    expect(() =>
      resolveSettings(
        {
          oosEndpoint: 'https://gateway.corp.example',
          PULUMI_CHATOPS_ALLOWED_HOSTS: 'gateway.corp.example',
        } as never,
        {},
      ),
    ).toThrow(/outside the vendors' domains/);
  });
});

describe('URLs read from elsewhere', () => {
  it('a credentials URI of a profile or named account, before any connection', async () => {
    const sent: string[] = [];
    const http = {
      send: async (req: { url: string }) => {
        sent.push(req.url);
        return { status: 200, headers: {}, body: '{}' };
      },
    } as unknown as HttpLayer;
    const source = {
      kind: 'credentialsUri' as const,
      uri: 'http://169.254.170.2/creds',
      origin: 'profile "u"',
    };
    await expect(uriCredentials(source, http)).rejects.toThrow(/profile "u" uses plain http/);
    await expect(
      uriCredentials({ ...source, uri: 'https://creds.example.net' }, http),
    ).rejects.toThrow(/outside the vendors' domains/);
    expect(sent).toEqual([]);
  });

  it("a CloudSSO profile's sign-in URL", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-rule-'));
    try {
      const file = path.join(dir, 'config.json');
      const profile = {
        name: 's',
        mode: 'CloudSSO',
        cloud_sso_account_id: '1',
        cloud_sso_access_config: 'ac',
        access_token: 't',
      };
      const with_ = (url: string) => {
        fs.writeFileSync(
          file,
          JSON.stringify({ profiles: [{ ...profile, cloud_sso_sign_in_url: url }] }),
        );
        return () => profileSource({ name: 's', file, nameSetting: 'p', fileSetting: 'f' });
      };
      expect(with_('https://signin-x.alibabacloudsso.com/device/login')()).toMatchObject({
        kind: 'cloudSso',
      });
      expect(with_('https://signin.example.net/login')).toThrow(
        /cloud_sso_sign_in_url.*outside the vendors/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
