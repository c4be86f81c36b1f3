import { isChatOpsError } from '../../provider/errors';
import { oosEndpoint, securityCenterEndpoint } from '../../provider/clients/alicloud/endpoints';
import { thrownBy } from '../support/thrown';

describe('endpoints', () => {
  it('puts OOS in the region', () => {
    expect(oosEndpoint('cn-hangzhou', {})).toBe('https://oos.cn-hangzhou.aliyuncs.com');
    expect(oosEndpoint('ap-southeast-1', {})).toBe('https://oos.ap-southeast-1.aliyuncs.com');
  });

  it.each([
    ['cn-hangzhou', 'https://tds.cn-shanghai.aliyuncs.com'],
    ['cn-beijing', 'https://tds.cn-shanghai.aliyuncs.com'],
    ['cn-hongkong', 'https://tds.cn-shanghai.aliyuncs.com'],
    ['cn-shanghai-finance-1', 'https://tds.cn-shanghai.aliyuncs.com'],
    ['cn-north-2-gov-1', 'https://tds.cn-shanghai.aliyuncs.com'],
    ['ap-southeast-1', 'https://tds.ap-southeast-1.aliyuncs.com'],
    ['eu-central-1', 'https://tds.ap-southeast-1.aliyuncs.com'],
    ['us-west-1', 'https://tds.ap-southeast-1.aliyuncs.com'],
  ])('sends Security Center calls for %s to %s', (region, endpoint) => {
    expect(securityCenterEndpoint(region, {})).toBe(endpoint);
  });

  it('lets settings override both', () => {
    const settings = { oosEndpoint: 'http://127.0.0.1:9', sasEndpoint: 'http://127.0.0.1:8' };
    expect(oosEndpoint('cn-hangzhou', settings)).toBe('http://127.0.0.1:9');
    expect(securityCenterEndpoint('eu-central-1', settings)).toBe('http://127.0.0.1:8');
  });

  it('rejects a missing or malformed region with advice', () => {
    for (const region of ['', 'hangzhou', 'cn-hangzhou/evil', 'evil.example/cn-hangzhou']) {
      const error = thrownBy(() => oosEndpoint(region, {}));
      expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
      expect((error as Error).message).toContain('ALIBABA_CLOUD_REGION');
    }
  });

  it('names the product whose region is missing', () => {
    expect(thrownBy(() => oosEndpoint('', {}))).toMatchObject({
      message: expect.stringMatching(/^No valid region for OOS /),
    });
    expect(thrownBy(() => securityCenterEndpoint('', {}))).toMatchObject({
      message: expect.stringMatching(/^No valid region for Security Center /),
    });
  });

  it('reports a region that was never set as empty', () => {
    const unset = undefined as unknown as string;
    expect(thrownBy(() => oosEndpoint(unset, {}))).toMatchObject({
      message: expect.stringContaining('(got "")'),
    });
  });

  it('takes a region written with spaces around it or in capitals', () => {
    expect(oosEndpoint(' CN-Hangzhou ', {})).toBe('https://oos.cn-hangzhou.aliyuncs.com');
    expect(securityCenterEndpoint(' eu-central-1\n', {})).toBe(
      'https://tds.ap-southeast-1.aliyuncs.com',
    );
  });
});
