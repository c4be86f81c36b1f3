import * as pulumi from '@pulumi/pulumi';
import type { RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { getChatConfigurations } from '../../../provider/resources/chat-configuration/get-chat-configurations';
import { ALICLOUD_KEY, requestsOf, startAlicloudEmulator } from './alicloud-harness';

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

describe('getChatConfigurations against the emulator', () => {
  let emu: RunningEmulator;
  let direct: Clients;
  const settings = () => ({ ...ALICLOUD_KEY, oosEndpoint: emu.url, alicloudRatePerSecond: 2000 });

  beforeAll(async () => {
    // This emulator pages List by MaxResults and answers a NextToken.
    emu = await startAlicloudEmulator({ oosListPaging: true });
    direct = createClients(settings);
    for (const [name, type] of [
      ['bot-a', 'DingTalk'],
      ['bot-b', 'DingTalk'],
      ['bot-c', 'WeChat'],
      ['bot-d', 'DingTalk'],
      ['bot-e', 'WeChat'],
    ] as const) {
      await direct.oos.createChatConfiguration({
        regionId: 'cn-hangzhou',
        name,
        type,
        configuration: { SomeKey: 'value' },
      });
    }
    await direct.oos.createChatConfiguration({
      regionId: 'cn-beijing',
      name: 'elsewhere',
      type: 'DingTalk',
      configuration: { SomeKey: 'value' },
    });
  });
  afterAll(async () => {
    await direct.close();
    await emu.stop();
  });
  beforeEach(() => emu.clearRequests());

  it('follows NextToken over every page', async () => {
    const result = await getChatConfigurations(
      { regionId: 'cn-hangzhou', maxResults: 2 },
      { settings: settings() },
    );
    expect(result.regionId).toBe('cn-hangzhou');
    expect(result.items.map((i) => i.name)).toEqual(['bot-a', 'bot-b', 'bot-c', 'bot-d', 'bot-e']);
    expect(result.items[0]).toMatchObject({ type: 'DingTalk', createdDate: expect.any(String) });
    const calls = requestsOf(emu, 'ListChatConfigurations');
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.params.NextToken === undefined)).toEqual([true, false, false]);
  });

  it('returns each webhook URL as a secret, readable with pulumi.unsecret', async () => {
    const result = await getChatConfigurations(
      { regionId: 'cn-hangzhou' },
      { settings: settings() },
    );
    const live = emu.state().oos.chatConfigurations.filter((c) => c.regionId === 'cn-hangzhou');

    expect(result.items).toHaveLength(live.length);
    for (const item of result.items) {
      const webhookUrl = item.webhookUrl!;
      expect(await pulumi.isSecret(webhookUrl)).toBe(true);
      const expected = live.find((c) => c.name === item.name)?.outputs.URL;
      expect(await valueOf(pulumi.unsecret(webhookUrl))).toBe(expected);
      // Nothing a program prints or logs by accident shows it.
      expect(JSON.stringify(item)).not.toContain(expected);
      expect(String(webhookUrl)).not.toContain(expected);
    }
  });

  it('passes filters through', async () => {
    const result = await getChatConfigurations(
      { regionId: 'cn-hangzhou', filters: [{ name: 'Type', value: 'WeChat' }] },
      { settings: settings() },
    );
    expect(result.items.map((i) => i.name)).toEqual(['bot-c', 'bot-e']);
    expect(result.items[0]).not.toHaveProperty('aesKey');
  });

  it('takes the region and endpoint from stack config', async () => {
    pulumi.runtime.setAllConfig({
      'alicloud:accessKey': ALICLOUD_KEY.accessKeyId,
      'alicloud:secretKey': ALICLOUD_KEY.accessKeySecret,
      'alicloud:region': 'cn-beijing',
      'chatops:oosEndpoint': emu.url,
      'chatops:stsEndpoint': emu.url,
    });
    try {
      const result = await getChatConfigurations();
      expect(result).toMatchObject({ regionId: 'cn-beijing', items: [{ name: 'elsewhere' }] });
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  it('rejects bad arguments before any call', async () => {
    await expect(
      getChatConfigurations({ regionId: 'Hangzhou', maxResults: 500 }, { settings: settings() }),
    ).rejects.toThrow(/regionId: must be a region id.*maxResults/);
    await expect(
      getChatConfigurations({}, { settings: { ...settings(), region: undefined } }),
    ).rejects.toThrow(/regionId: is required/);
    expect(requestsOf(emu, 'ListChatConfigurations')).toHaveLength(0);
  });
});
