import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isChatOpsError } from '../../../provider/errors';
import {
  configureFromStackConfig,
  currentSettings,
  resetConfiguredSettings,
} from '../../../provider/lifecycle/settings-store';

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

afterEach(() => resetConfiguredSettings());

describe('settings store', () => {
  it('maps the stack config keys, numbers included (all values arrive as strings)', () => {
    configureFromStackConfig(
      config({
        'alicloud:accessKey': 'AK-config',
        'alicloud:secretKey': 'SK-config',
        'alicloud:securityToken': 'STS-config',
        'alicloud:region': 'cn-beijing',
        'dingtalk:clientId': 'ding-id',
        'dingtalk:clientSecret': 'ding-secret',
        'chatops:oosEndpoint': 'http://127.0.0.1:1',
        'chatops:sasEndpoint': 'http://127.0.0.1:2',
        'chatops:dingtalkApiEndpoint': 'http://127.0.0.1:3',
        'chatops:dingtalkOapiEndpoint': 'http://127.0.0.1:4',
        'chatops:oauthEndpoint': 'http://127.0.0.1:5',
        'chatops:cloudSsoEndpoint': 'http://127.0.0.1:6',
        'chatops:requestTimeoutMs': '2500',
        'chatops:operationDeadlineMs': '9000',
        'chatops:maxAttempts': '3',
        'chatops:dingtalkRatePerSecond': '7.5',
        'chatops:alicloudRatePerSecond': '11',
      }),
    );
    expect(currentSettings({})).toEqual({
      accessKeyId: 'AK-config',
      accessKeySecret: 'SK-config',
      securityToken: 'STS-config',
      region: 'cn-beijing',
      dingtalkClientId: 'ding-id',
      dingtalkClientSecret: 'ding-secret',
      oosEndpoint: 'http://127.0.0.1:1',
      sasEndpoint: 'http://127.0.0.1:2',
      dingtalkApiEndpoint: 'http://127.0.0.1:3',
      dingtalkOapiEndpoint: 'http://127.0.0.1:4',
      oauthEndpoint: 'http://127.0.0.1:5',
      cloudSsoEndpoint: 'http://127.0.0.1:6',
      requestTimeoutMs: 2500,
      operationDeadlineMs: 9000,
      maxAttempts: 3,
      dingtalkRatePerSecond: 7.5,
      alicloudRatePerSecond: 11,
      environmentKeys: [],
    });
  });

  it('lets configured values win and reads the environment at call time', () => {
    configureFromStackConfig(config({ 'alicloud:region': 'cn-beijing' }));
    const env: NodeJS.ProcessEnv = { ALIBABA_CLOUD_REGION: 'cn-shanghai' };
    expect(currentSettings(env).region).toBe('cn-beijing');
    expect(currentSettings(env).accessKeyId).toBeUndefined();
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'AK-later';
    expect(currentSettings(env).accessKeyId).toBe('AK-later');
  });

  it('treats empty config values as unset', () => {
    configureFromStackConfig(config({ 'alicloud:region': '' }));
    expect(currentSettings({ ALIBABA_CLOUD_REGION: 'cn-shanghai' }).region).toBe('cn-shanghai');
  });

  it('reports a bad number by key when settings are needed, without the value', () => {
    configureFromStackConfig(
      config({ 'chatops:maxAttempts': '2.5', 'chatops:requestTimeoutMs': 'x' }),
    );
    let caught: unknown;
    try {
      currentSettings({});
    } catch (e) {
      caught = e;
    }
    expect(isChatOpsError(caught, 'CONFIGURATION_ERROR')).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain('chatops:maxAttempts must be a positive whole number');
    expect(message).toContain('chatops:requestTimeoutMs');
    expect(message).not.toContain('2.5');
  });

  it('forgets everything on reset', () => {
    configureFromStackConfig(config({ 'alicloud:region': 'cn-beijing' }));
    resetConfiguredSettings();
    expect(currentSettings({}).region).toBeUndefined();
  });
});

describe('the region a CLI profile names', () => {
  it('is the last default: after alicloud:region and the region variables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-region-'));
    try {
      const file = path.join(dir, 'config.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          current: 'work',
          profiles: [
            { name: 'work', mode: 'AK', region_id: 'cn-shenzhen' },
            { name: 'other', mode: 'AK', region_id: 'cn-chengdu' },
          ],
        }),
      );
      configureFromStackConfig(config({ 'alicloud:sharedCredentialsFile': file }));
      expect(currentSettings({}).region).toBe('cn-shenzhen');
      expect(currentSettings({ ALIBABA_CLOUD_PROFILE: 'other' }).region).toBe('cn-chengdu');
      expect(currentSettings({ ALIBABA_CLOUD_REGION: 'cn-qingdao' }).region).toBe('cn-qingdao');
      configureFromStackConfig(
        config({ 'alicloud:sharedCredentialsFile': file, 'alicloud:region': 'cn-beijing' }),
      );
      expect(currentSettings({}).region).toBe('cn-beijing');
      // A broken file gives no region; the credential chain reports it when it reads it.
      fs.writeFileSync(file, '{not json');
      configureFromStackConfig(config({ 'alicloud:sharedCredentialsFile': file }));
      expect(currentSettings({}).region).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
