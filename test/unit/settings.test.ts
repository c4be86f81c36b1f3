import { createClients } from '../../provider/clients';
import { DEFAULT_SETTINGS, resolveSettings } from '../../provider/config/settings';
import { isChatOpsError } from '../../provider/errors';
import { thrownBy } from '../support/thrown';
import { startLocalServer } from './helpers/local-server';
import { localSettings } from './helpers/settings';

const env = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret',
  ALIBABA_CLOUD_SECURITY_TOKEN: 'env-token',
  ALIBABA_CLOUD_REGION: 'cn-beijing',
  ALIBABA_CLOUD_OOS_ENDPOINT: 'http://127.0.0.1:1001/',
  ALIBABA_CLOUD_SAS_ENDPOINT: 'http://127.0.0.1:1002',
  DINGTALK_CLIENT_ID: 'env-app',
  DINGTALK_CLIENT_SECRET: 'env-app-secret',
  DINGTALK_API_ENDPOINT: 'http://127.0.0.1:1003',
  DINGTALK_OAPI_ENDPOINT: 'http://127.0.0.1:1004',
};

describe('resolveSettings', () => {
  it('reads every documented variable from the environment', () => {
    expect(resolveSettings({}, env)).toEqual({
      accessKeyId: 'env-id',
      accessKeySecret: 'env-secret',
      securityToken: 'env-token',
      region: 'cn-beijing',
      oosEndpoint: 'http://127.0.0.1:1001',
      sasEndpoint: 'http://127.0.0.1:1002',
      dingtalkClientId: 'env-app',
      dingtalkClientSecret: 'env-app-secret',
      dingtalkApiEndpoint: 'http://127.0.0.1:1003',
      dingtalkOapiEndpoint: 'http://127.0.0.1:1004',
      ...DEFAULT_SETTINGS,
      environmentKeys: [
        'accessKeyId',
        'accessKeySecret',
        'securityToken',
        'region',
        'oosEndpoint',
        'sasEndpoint',
        'dingtalkClientId',
        'dingtalkClientSecret',
        'dingtalkApiEndpoint',
        'dingtalkOapiEndpoint',
      ],
    });
  });

  it('lets explicit values win and treats empty strings as unset', () => {
    const s = resolveSettings(
      { accessKeyId: 'explicit-id', region: '', maxAttempts: 3, dingtalkRatePerSecond: 5 },
      { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' },
    );
    expect(s.accessKeyId).toBe('explicit-id');
    expect(s.region).toBe('cn-beijing');
    // Where each value came from, for the credential chain's order.
    expect(s.environmentKeys).toContain('region');
    expect(s.environmentKeys).not.toContain('accessKeyId');
    expect(s.accessKeySecret).toBeUndefined();
    expect(s.maxAttempts).toBe(3);
    expect(s.dingtalkRatePerSecond).toBe(5);
    expect(s.requestTimeoutMs).toBe(10_000);
    expect(s.operationDeadlineMs).toBe(120_000);
    expect(s.alicloudRatePerSecond).toBe(20);
  });

  it("reads the variable families in @pulumi/alicloud's order: ALICLOUD_*, ALIBABA_CLOUD_*, ALIBABACLOUD_*", () => {
    const families = {
      ALICLOUD_ACCESS_KEY: 'tf-id',
      ALICLOUD_SECRET_KEY: 'tf-secret',
      ALICLOUD_REGION: 'cn-shanghai',
      ALICLOUD_CREDENTIALS_URI: 'http://127.0.0.1:7/tf',
      ALICLOUD_PROFILE: 'tf-profile',
      ALIBABACLOUD_SECURITY_TOKEN: 'third-token',
    };
    expect(resolveSettings({}, { ...env, ...families })).toMatchObject({
      accessKeyId: 'tf-id',
      accessKeySecret: 'tf-secret',
      region: 'cn-shanghai',
      credentialsUri: 'http://127.0.0.1:7/tf',
      profile: 'tf-profile',
      // ALIBABA_CLOUD_* before ALIBABACLOUD_*.
      securityToken: 'env-token',
    });
    expect(
      resolveSettings(
        {},
        {
          ALIBABACLOUD_ACCESS_KEY_ID: 'third-id',
          ALIBABACLOUD_ACCESS_KEY_SECRET: 'third-secret',
          ALIBABACLOUD_SECURITY_TOKEN: 'third-token',
        },
      ),
    ).toMatchObject({
      accessKeyId: 'third-id',
      accessKeySecret: 'third-secret',
      securityToken: 'third-token',
    });
  });

  it('reads process.env when called, not before', () => {
    const saved = process.env.DINGTALK_CLIENT_ID;
    process.env.DINGTALK_CLIENT_ID = 'set-late';
    try {
      expect(resolveSettings().dingtalkClientId).toBe('set-late');
    } finally {
      if (saved === undefined) delete process.env.DINGTALK_CLIENT_ID;
      else process.env.DINGTALK_CLIENT_ID = saved;
    }
  });

  it.each([
    [{ oosEndpoint: 'oos.cn-hangzhou.aliyuncs.com' }],
    [{ dingtalkApiEndpoint: 'ftp://127.0.0.1' }],
    [{ requestTimeoutMs: 0 }],
    [{ maxAttempts: Number.NaN }],
  ])('rejects %j with CONFIGURATION_ERROR', (explicit) => {
    const error = thrownBy(() => resolveSettings(explicit, {}));
    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
  });
});

describe('endpoint settings', () => {
  /** The error resolveSettings throws for these settings, or undefined. */
  function refusal(explicit: Record<string, string>, environment: NodeJS.ProcessEnv = {}) {
    return thrownBy(() => resolveSettings(explicit, environment));
  }

  it.each([
    'https://oos.cn-hangzhou.aliyuncs.com',
    'http://127.0.0.1:8080',
    'http://127.5.6.7:8080',
    'http://localhost:8080',
    'http://[::1]:8080',
    'https://[::1]:8443',
  ])('accepts %s', (endpoint) => {
    expect(resolveSettings({ oosEndpoint: endpoint }, {}).oosEndpoint).toBe(endpoint);
  });

  it.each([
    ['plain http to another host', 'http://oos.cn-hangzhou.aliyuncs.com', /plain http:\/\//],
    ['plain http to a private address', 'http://10.0.0.5:8080', /plain http:\/\//],
    ['plain http to a name that only starts like loopback', 'http://127.0.0.1.nip.io', /plain/],
    ['a user and password', 'https://ops:hunter2-endpoint-pw@oos.example.invalid', /user name/],
    ['a user and password on loopback', 'http://ops:hunter2-endpoint-pw@127.0.0.1:1', /user name/],
    ['a user alone', 'https://hunter2-endpoint-user@oos.example.invalid', /user name/],
    ['no scheme', 'oos.cn-hangzhou.aliyuncs.com', /not a full http\(s\) URL/],
  ])('refuses %s, naming the setting and never the value', (_what, endpoint, problem) => {
    const error = refusal({ sasEndpoint: endpoint });

    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(problem);
    expect(message).toContain('sasEndpoint (stack config chatops:sasEndpoint');
    expect(message).toContain('ALIBABA_CLOUD_SAS_ENDPOINT');
    expect(message).toMatch(/Set it to an https:\/\/ URL/);
    expect(message).not.toContain(endpoint);
    expect(message).not.toContain('hunter2');
  });

  it('checks an endpoint from the environment the same way and names its variable', () => {
    const error = refusal({}, { DINGTALK_OAPI_ENDPOINT: 'http://oapi.dingtalk.com' });

    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
    expect((error as Error).message).toContain(
      'chatops:dingtalkOapiEndpoint, or DINGTALK_OAPI_ENDPOINT',
    );
  });

  it('fails the operation before any request is sent', async () => {
    const server = await startLocalServer();
    const withUserInfo = server.url.replace('http://', 'http://ops:hunter2-endpoint-pw@');
    const clients = createClients(() => localSettings(server.url, { oosEndpoint: withUserInfo }));
    try {
      const listing = clients.oos.listChatConfigurations({ regionId: 'cn-hangzhou' });

      await expect(listing).rejects.toMatchObject({ code: 'CONFIGURATION_ERROR' });
      await expect(listing).rejects.not.toThrow(/hunter2/);
      expect(server.requests).toEqual([]);
    } finally {
      await clients.close();
      await server.close();
    }
  });
});
