import {
  requestsOf,
  totalRequests,
  seedNotification,
  useAlicloudResource,
} from './alicloud-harness';

const TYPE = 'SecurityCenterDingTalkNotification';
const TOKEN = 'WEBHOOK-TOKEN-6a5b4c3d2e1f0a9b8c7d6e5f';
const WEBHOOK = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;

interface StoredNotification {
  id: number;
  ruleActionName: string;
  sendUrl: string;
  status: 0 | 1;
  language: string;
}

describe('SecurityCenterDingTalkNotification against the emulator', () => {
  const h = useAlicloudResource(TYPE);

  const stored = () =>
    (h.emu.state() as unknown as { securityCenter: { notifications: StoredNotification[] } })
      .securityCenter.notifications;
  const named = (name: string) => stored().filter((n) => n.ruleActionName === name);
  const desired = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    webhookUrl: WEBHOOK,
    intervalTime: 300,
    language: 'en',
    groupIds: ['10417151'],
    config: [
      {
        type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
        items: [
          { key: 'item_level', values: ['all'] },
          { key: 'event_type', values: ['all'] },
        ],
      },
    ],
    ...extra,
  });
  const seed = (name: string) => seedNotification(h.direct, name);

  it('check and diff make no call; create finds the new id by exact name', async () => {
    const inputs = await h.resource.checked(desired('alerts'));
    expect(inputs.regionId).toBe('cn-hangzhou');
    await h.resource.diff('1', { ...inputs }, { ...inputs, language: 'zh' });
    expect(totalRequests(h.emu)).toBe(0);

    await seed('alerts-staging');
    h.emu.clearRequests();
    const created = await h.resource.create(inputs);
    const [mine] = named('alerts');
    expect(created.id).toBe(String(mine.id));
    expect(created.outs).toMatchObject({
      ...desired('alerts'),
      enabled: true,
      notificationId: mine.id,
      regionId: 'cn-hangzhou',
    });
    expect(created.outs.createdDate).toEqual(expect.any(String));
    expect(h.emu.requests().counts).toEqual({
      'sts:GetCallerIdentity': 1,
      'security-center:DescribeDingTalk': 2,
      'security-center:CreateOrUpdateDingTalk': 1,
    });
    expect(created.outs.accountId).toBe('1234567890123456');
  });

  it('discovers the id over several Describe pages', async () => {
    // More than one page (20) of notifications whose names contain the new one's.
    for (let i = 0; i < 25; i++) await seed(`pager-${String(i).padStart(3, '0')}`);
    h.emu.clearRequests();
    const created = await h.resource.create(await h.resource.checked(desired('pager')));
    const [mine] = named('pager');
    expect(created.id).toBe(String(mine.id));
    const pages = requestsOf(h.emu, 'DescribeDingTalk').map((r) => Number(r.params.CurrentPage));
    expect(pages).toEqual([1, 2, 1, 2]);

    h.emu.clearRequests();
    const read = await h.resource.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    // The region's first page (kept for the reads that follow), then the two pages of its name.
    expect(requestsOf(h.emu, 'DescribeDingTalk').length).toBe(3);
  });

  it('fails with "already exists" without adopt, and adopts the lowest id with it', async () => {
    await seed('taken');
    await seed('taken');
    const [first] = named('taken');
    let error: Error | undefined;
    try {
      await h.resource.create(await h.resource.checked(desired('taken')));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/"taken" already exists; set adopt: true/);
    expect(error?.message).not.toContain(TOKEN);
    expect(named('taken')).toHaveLength(2);

    h.emu.clearRequests();
    const adopted = await h.resource.create(
      await h.resource.checked(desired('taken', { adopt: true, enabled: false })),
    );
    expect(adopted.id).toBe(String(first.id));
    expect(named('taken')).toHaveLength(2);
    const mine = stored().find((n) => n.id === first.id)!;
    expect(mine).toMatchObject({ sendUrl: WEBHOOK, status: 0, language: 'en' });
    expect(h.emu.requests().counts).toMatchObject({
      'security-center:CreateOrUpdateDingTalk': 1,
      'security-center:ModifyDingTalkStatus': 1,
    });
  });

  it('does not duplicate a create whose response was lost', async () => {
    h.emu.addFault({
      family: 'security-center',
      action: 'CreateOrUpdateDingTalk',
      kind: 'commit-then-drop',
      times: 1,
    });
    const created = await h.resource.create(await h.resource.checked(desired('lost')));
    expect(named('lost')).toHaveLength(1);
    expect(created.id).toBe(String(named('lost')[0].id));
    // The create was sent once: a second one would have made a duplicate to clean up.
    const creates = requestsOf(h.emu, 'CreateOrUpdateDingTalk');
    expect(creates.map((r) => r.fault)).toEqual(['commit-then-drop']);
    expect(h.emu.requests().counts).not.toHaveProperty('security-center:DeleteDingTalk');
  });

  it('updates with the fewest calls, reads without drift, sees drift made elsewhere', async () => {
    const inputs = await h.resource.checked(desired('upd'));
    const created = await h.resource.create(inputs);

    h.emu.clearRequests();
    const disabled = await h.resource.checked(desired('upd', { enabled: false }));
    expect((await h.resource.diff(created.id, created.outs, disabled)).changes).toBe(true);
    const afterStatus = await h.resource.update(created.id, created.outs, disabled);
    expect(h.emu.requests().counts).toEqual({ 'security-center:ModifyDingTalkStatus': 1 });

    h.emu.clearRequests();
    const renamed = await h.resource.checked(
      desired('upd-renamed', { enabled: false, groupIds: [] }),
    );
    const rename = await h.resource.diff(created.id, afterStatus.outs, renamed);
    expect(rename).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const afterRename = await h.resource.update(created.id, afterStatus.outs, renamed);
    expect(h.emu.requests().counts).toEqual({ 'security-center:CreateOrUpdateDingTalk': 1 });
    expect(stored()).toEqual([
      expect.objectContaining({ id: Number(created.id), ruleActionName: 'upd-renamed', status: 0 }),
    ]);

    const read = await h.resource.read(created.id, afterRename.outs);
    expect((await h.resource.diff(created.id, read.props!, read.inputs!)).changes).toBe(false);
    expect((await h.resource.diff(created.id, read.props!, renamed)).changes).toBe(false);

    await h.direct.securityCenter.modifyDingTalkStatus('cn-hangzhou', [Number(created.id)], true);
    const drifted = await h.resource.read(created.id, afterRename.outs);
    expect(drifted.props?.enabled).toBe(true);
    expect((await h.resource.diff(created.id, drifted.props!, renamed)).changes).toBe(true);
  });

  it('replaces when the region changes', async () => {
    const inputs = await h.resource.checked(desired('moving'));
    const created = await h.resource.create(inputs);
    const diff = await h.resource.diff(created.id, created.outs, {
      ...inputs,
      regionId: 'ap-southeast-1',
    });
    expect(diff).toEqual({ changes: true, replaces: ['regionId'], deleteBeforeReplace: false });
  });

  it('deletes an object that is already gone, and reads it as gone', async () => {
    const created = await h.resource.create(await h.resource.checked(desired('gone')));
    await h.direct.securityCenter.deleteDingTalk('cn-hangzhou', [Number(created.id)]);
    expect(await h.resource.read(created.id, created.outs)).toEqual({});
    h.emu.clearRequests();
    await expect(h.resource.delete(created.id, created.outs)).resolves.toBeUndefined();
    expect(h.emu.requests().counts).toEqual({ 'security-center:DeleteDingTalk': 1 });
  });
});
