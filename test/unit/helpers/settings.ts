import type { ProviderSettings } from '../../../provider/config/settings';

/** Long, distinctive credentials so a leak is unmistakable in a search. */
export const SECRETS = {
  accessKeySecret: 'AKSECRET-5f2b9c1e7a4d4e0f8b3a6c9d2e1f0a7b',
  securityToken: 'STSTOKEN-CAIS8QF1q6Ft5B2yfSjIr5bkKtT3jZc',
  dingtalkClientSecret: 'DTSECRET-x8Yq2Lw9Rt6Vb3Nm5Kp7Jh1Gf4Dc0Sa',
  accessToken: 'ACCESSTOKEN-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
  webhookToken: 'WEBHOOKTOKEN-1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a',
  oosClientSecret: 'OOSCLIENTSECRET-7e6d5c4b3a2f1e0d9c8b7a6f5e4d',
};

/** Settings that point every API at one local server, with fast retries. */
export function localSettings(url: string, extra: ProviderSettings = {}): ProviderSettings {
  return {
    accessKeyId: 'LTAI-test-key-id',
    accessKeySecret: SECRETS.accessKeySecret,
    region: 'cn-hangzhou',
    oosEndpoint: url,
    stsEndpoint: url,
    sasEndpoint: url,
    dingtalkClientId: 'ding-test-app',
    dingtalkClientSecret: SECRETS.dingtalkClientSecret,
    dingtalkApiEndpoint: url,
    dingtalkOapiEndpoint: url,
    requestTimeoutMs: 2000,
    operationDeadlineMs: 10_000,
    maxAttempts: 5,
    dingtalkRatePerSecond: 1000,
    alicloudRatePerSecond: 1000,
    ...extra,
  };
}

/** Backoff so small that retry tests finish in milliseconds. */
export const FAST_BACKOFF = { baseMs: 1, capMs: 5 };
