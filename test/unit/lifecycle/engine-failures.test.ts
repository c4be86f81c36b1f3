import { failuresForEngine } from '../../../provider/lifecycle/engine-failures';
import { closeSharedClients } from '../../../provider/lifecycle/context';
import { resetConfiguredSettings } from '../../../provider/lifecycle/settings-store';
import { createStubProvider } from '../../../provider/program/stub-provider';
import { dispatch } from '../../../provider/runtime';

afterEach(async () => {
  resetConfiguredSettings();
  await closeSharedClients();
});

describe('check failures handed to the engine', () => {
  it('carry no property, so the engine never prints the input value beside them', () => {
    expect(
      failuresForEngine([
        { property: 'webhookUrl', reason: 'webhookUrl: must be an https DingTalk robot webhook' },
        { property: 'plugins[1].icon', reason: 'plugins[1].icon: must not be empty' },
      ]),
    ).toEqual([
      { property: '', reason: 'webhookUrl: must be an https DingTalk robot webhook' },
      { property: '', reason: 'plugins[1].icon: must not be empty' },
    ]);
  });

  it('keep the property named in the reason when the reason does not start with it', () => {
    expect(failuresForEngine([{ property: 'name', reason: 'too long' }])).toEqual([
      { property: '', reason: 'name: too long' },
    ]);
    expect(failuresForEngine([{ property: '', reason: 'something is off' }])).toEqual([
      { property: '', reason: 'something is off' },
    ]);
  });

  it('is what the serialized stub answers, while dispatch keeps the property', async () => {
    const news = {
      name: 'alerts',
      webhookUrl: 'http://hooks.example.com/robot/send?access_token=sk0123456789abcdef0123',
      regionId: 'cn-shanghai',
    };
    const type = 'SecurityCenterDingTalkNotification';

    const direct = (await dispatch(type, 'check', [{}, news])) as {
      failures: { property: string; reason: string }[];
    };
    const stub = await createStubProvider(type).check!({}, news);

    expect(direct.failures.map((f) => f.property)).toEqual(['webhookUrl']);
    expect(stub.failures).toEqual([{ property: '', reason: direct.failures[0].reason }]);
    expect(stub.failures?.[0].reason).toMatch(/^webhookUrl: /);
    expect(JSON.stringify(stub.failures)).not.toContain('sk0123456789abcdef0123');
  });
});
