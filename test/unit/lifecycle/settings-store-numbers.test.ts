import { isChatOpsError } from '../../../provider/errors';
import {
  settingsFromStackConfig,
  settingsWithEnv,
} from '../../../provider/lifecycle/settings-store';
import { thrownBy } from '../../support/thrown';

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('numeric stack config', () => {
  it('accepts whole numbers for counts and times, and fractions for rates', () => {
    const { settings, problems } = settingsFromStackConfig(
      config({
        'chatops:requestTimeoutMs': '1500',
        'chatops:operationDeadlineMs': ' 60000 ',
        'chatops:maxAttempts': '3',
        'chatops:dingtalkRatePerSecond': '2.5',
        'chatops:alicloudRatePerSecond': '0.5',
      }),
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      requestTimeoutMs: 1500,
      operationDeadlineMs: 60000,
      maxAttempts: 3,
      dingtalkRatePerSecond: 2.5,
      alicloudRatePerSecond: 0.5,
    });
  });

  it.each(['0', '-1', 'Infinity', 'NaN', 'ten'])('refuses %j as a rate', (value) => {
    const { settings, problems } = settingsFromStackConfig(
      config({ 'chatops:dingtalkRatePerSecond': value }),
    );
    expect(settings).toEqual({});
    expect(problems).toEqual([
      'stack config chatops:dingtalkRatePerSecond must be a positive number',
    ]);
  });

  it('refuses a fraction where a whole number is needed', () => {
    const { problems } = settingsFromStackConfig(config({ 'chatops:requestTimeoutMs': '0.5' }));
    expect(problems).toEqual([
      'stack config chatops:requestTimeoutMs must be a positive whole number',
    ]);
  });

  it('leaves an empty or missing text key out, so the default or the environment applies', () => {
    const { settings, problems } = settingsFromStackConfig(
      config({ 'alicloud:region': '', 'chatops:oosEndpoint': '' }),
    );
    expect(problems).toEqual([]);
    // Strictly: a key holding '' or `undefined` would hide the environment's value.
    expect(settings).toStrictEqual({});
  });

  it('skips a blank number as unset', () => {
    expect(settingsFromStackConfig(config({ 'chatops:maxAttempts': '   ' }))).toEqual({
      settings: {},
      problems: [],
    });
  });

  it('reads every text key under the name @pulumi/alicloud or this package gives it', () => {
    const { settings } = settingsFromStackConfig(
      config({
        'alicloud:accessKey': 'LTAI-id',
        'alicloud:profile': 'ops',
        'chatops:dingtalkApps': '{}',
        'dingtalk:clientId': 'ding-app',
        'chatops:dingtalkOapiEndpoint': 'http://127.0.0.1:1',
        'alicloud:unrelated': 'x',
      }),
    );
    expect(settings).toEqual({
      accessKeyId: 'LTAI-id',
      profile: 'ops',
      dingtalkApps: '{}',
      dingtalkClientId: 'ding-app',
      dingtalkOapiEndpoint: 'http://127.0.0.1:1',
    });
  });
});

describe('settings with the environment', () => {
  it('fails with every problem of the stack config, joined', () => {
    const caught = thrownBy(() =>
      settingsWithEnv({ settings: {}, problems: ['first problem', 'second problem'] }, {}),
    );
    expect(isChatOpsError(caught, 'CONFIGURATION_ERROR')).toBe(true);
    expect((caught as Error).message).toBe('first problem; second problem');
  });

  it('takes the stack config over the environment', () => {
    const settings = settingsWithEnv(
      { settings: { region: 'cn-beijing' }, problems: [] },
      { ALIBABA_CLOUD_REGION: 'cn-shanghai' },
    );
    expect(settings.region).toBe('cn-beijing');
  });
});
