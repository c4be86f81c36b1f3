import { DEFAULT_SETTINGS, resolveSettings } from '../../provider/config/settings';
import { isChatOpsError } from '../../provider/http/errors';

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
    });
  });

  it('lets explicit values win and treats empty strings as unset', () => {
    const s = resolveSettings(
      { accessKeyId: 'explicit-id', region: '', maxAttempts: 3, dingtalkRatePerSecond: 5 },
      { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' },
    );
    expect(s.accessKeyId).toBe('explicit-id');
    expect(s.region).toBe('cn-beijing');
    expect(s.accessKeySecret).toBeUndefined();
    expect(s.maxAttempts).toBe(3);
    expect(s.dingtalkRatePerSecond).toBe(5);
    expect(s.requestTimeoutMs).toBe(10_000);
    expect(s.operationDeadlineMs).toBe(120_000);
    expect(s.alicloudRatePerSecond).toBe(20);
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
    let error: unknown;
    try {
      resolveSettings(explicit, {});
    } catch (e) {
      error = e;
    }
    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
  });
});
