import { chatConfigurationLifecycle as lifecycle } from '../../../../provider/resources/chat-configuration/lifecycle';
import { testContext } from '../../../support/lifecycle-context';

const dingTalk = {
  name: 'ops-bot',
  clientId: 'ding-client',
  clientSecret: 'client-secret-value-1',
  templateId: 'a1b2.schema',
};
const weChat = { name: 'ops-bot', type: 'WeChat', weComSettings: { Token: 't' } };

async function reasons(news: Record<string, unknown>) {
  const { failures } = await lifecycle.check({}, news, testContext());
  return failures.map((f) => `${f.property} => ${f.reason}`);
}

describe('ChatConfiguration check messages', () => {
  it.each([
    [
      'a region that is not a string',
      { ...dingTalk, regionId: 42 },
      'regionId',
      'must be a string',
    ],
    [
      'a region with a leading junk character',
      { ...dingTalk, regionId: '1cn-hangzhou' },
      'regionId',
      'must be a region id such as cn-hangzhou',
    ],
    [
      'a region with a trailing junk character',
      { ...dingTalk, regionId: 'cn-hangzhou!' },
      'regionId',
      'must be a region id such as cn-hangzhou',
    ],
    ['an empty name', { ...dingTalk, name: '' }, 'name', 'must be 1 to 200 printable characters'],
    [
      'a name with a control character',
      { ...dingTalk, name: 'ops\nbot' },
      'name',
      'must be 1 to 200 printable characters',
    ],
    [
      'a name with DEL',
      { ...dingTalk, name: 'ops\u007fbot' },
      'name',
      'must be 1 to 200 printable characters',
    ],
    [
      'a resource group with a prefix before rg-',
      { ...dingTalk, resourceGroupId: 'my-rg-acfm1' },
      'resourceGroupId',
      'must be a resource group id such as rg-acfmxxxxxxxxxxx',
    ],
    [
      'WeCom settings on a DingTalk configuration',
      { ...dingTalk, weComSettings: { Token: 't' } },
      'weComSettings',
      'weComSettings: only allowed when type is WeChat; use clientId, clientSecret and templateId',
    ],
    [
      'a DingTalk setting on a WeChat configuration',
      { ...weChat, clientId: 'ding-client' },
      'clientId',
      'clientId: only allowed when type is DingTalk; put WeCom settings in weComSettings',
    ],
  ])(
    'rejects %s with one failure saying what is allowed',
    async (_what, news, property, reason) => {
      const got = await reasons(news);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatch(new RegExp(`^${property}(\\.\\S*)? => `));
      expect(got[0]).toContain(reason);
    },
  );

  it('accepts a well-formed region, name and resource group', async () => {
    expect(
      await reasons({ ...dingTalk, regionId: 'cn-hangzhou', resourceGroupId: 'rg-acfm1' }),
    ).toEqual([]);
  });
});
