import * as pulumi from '@pulumi/pulumi';
import type { WireVariants } from '../../../emulator';
import { getChatConfigurations } from '../../../provider/resources/chat-configuration/get-chat-configurations';
import { ALICLOUD_KEY, requestsOf, useAlicloudResource, type Created } from './alicloud-harness';

/**
 * Paging that works whatever the services do with page sizes no document settles: the
 * emulator clamps or refuses DescribeDingTalk pages above a limit, caps ListChatConfigurations
 * pages with or without a NextToken, and every read, create and listing still sees everything
 * (or, where it cannot, says so and drops nothing).
 */

const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=paging-variants-token';

describe('SecurityCenterDingTalkNotification with 45 notifications', () => {
  const h = useAlicloudResource('SecurityCenterDingTalkNotification');
  afterEach(() => h.emu.setWireVariants({}));

  it.each<[string, WireVariants]>([
    ['refuses pages above 20', { describeDingTalkPageSize: { limit: 20, mode: 'refuse' } }],
    ['clamps pages to 20', { describeDingTalkPageSize: { limit: 20, mode: 'clamp' } }],
    ['clamps pages to 10', { describeDingTalkPageSize: { limit: 10, mode: 'clamp' } }],
  ])('creates and reads every one when the service %s', async (_label, variants) => {
    h.emu.setWireVariants(variants);
    const created: Created[] = [];
    for (let i = 0; i < 45; i++) {
      created.push(
        await h.resource.create(
          await h.resource.checked({
            name: `n-${String(i).padStart(2, '0')}`,
            webhookUrl: WEBHOOK,
          }),
        ),
      );
    }
    expect(new Set(created.map((c) => c.id)).size).toBe(45);
    // Refresh: every read at once, each finds its own.
    const reads = await Promise.all(created.map((c) => h.resource.read(c.id, c.outs)));
    expect(reads.map((r) => r.id)).toEqual(created.map((c) => c.id));
    // A console deletion is still proven by a complete walk.
    await h.direct.securityCenter.deleteDingTalk('cn-hangzhou', [Number(created[44].id)]);
    expect(await h.resource.read(created[44].id, created[44].outs)).toEqual({});
    // Every page asked for 20, the one documented size.
    const sizes = new Set(requestsOf(h.emu, 'DescribeDingTalk').map((r) => r.params.PageSize));
    expect([...sizes]).toEqual(['20']);
  });
});

describe('ChatConfiguration listings of 120 configurations', () => {
  const h = useAlicloudResource('ChatConfiguration');
  afterEach(() => h.emu.setWireVariants({}));
  const settings = () => ({
    ...ALICLOUD_KEY,
    oosEndpoint: h.emu.url,
    stsEndpoint: h.emu.url,
    alicloudRatePerSecond: 5000,
  });

  async function seed120(): Promise<Created[]> {
    const created: Created[] = [];
    for (let i = 0; i < 120; i++) {
      created.push(
        await h.resource.create(
          await h.resource.checked({
            name: `cfg-${String(i).padStart(3, '0')}`,
            clientId: 'ding-app',
            clientSecret: 'paging-variants-secret',
            templateId: 't.schema',
          }),
        ),
      );
    }
    return created;
  }

  it('getChatConfigurations returns all 120 when pages are capped and a NextToken follows', async () => {
    await seed120();
    h.emu.setWireVariants({ listChatConfigurationsPage: { cap: 50, nextToken: true } });
    const warn = jest.spyOn(pulumi.log, 'warn');
    try {
      const result = await getChatConfigurations(
        { regionId: 'cn-hangzhou' },
        { settings: settings() },
      );
      expect(result.items).toHaveLength(120);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('getChatConfigurations warns, naming the region, and returns what it has when a full page has no NextToken', async () => {
    await seed120();
    h.emu.setWireVariants({ listChatConfigurationsPage: { cap: 100, nextToken: false } });
    const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(() => Promise.resolve());
    try {
      const result = await getChatConfigurations(
        { regionId: 'cn-hangzhou' },
        { settings: settings() },
      );
      expect(result.items).toHaveLength(100);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('cn-hangzhou may be incomplete'));
    } finally {
      warn.mockRestore();
    }
  });

  it('a refresh under a capped listing without a NextToken drops nothing', async () => {
    const created = await seed120();
    h.emu.setWireVariants({ listChatConfigurationsPage: { cap: 100, nextToken: false } });
    const reads = await Promise.all(created.map((c) => h.resource.read(c.id, c.outs)));
    expect(reads.map((r) => r.id)).toEqual(created.map((c) => c.id));
  });
});
