import type { RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import {
  ALICLOUD_KEY,
  requestsOf,
  runtimeFor,
  startAlicloudEmulator,
  totalRequests,
  typed,
  type Runtime,
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
  let emu: RunningEmulator;
  let runtime: Runtime;
  let sas: ReturnType<typeof typed>;
  let direct: Clients;

  const stored = () =>
    (emu.state() as unknown as { securityCenter: { notifications: StoredNotification[] } })
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
  const seed = (name: string) =>
    direct.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
      ruleActionName: name,
      sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=someone-elses',
      intervalTime: 0,
      language: 'zh',
      groupIds: [],
      config: [],
    });

  beforeAll(async () => {
    emu = await startAlicloudEmulator();
    runtime = await runtimeFor(emu);
    sas = typed(runtime, TYPE);
    direct = createClients(() => ({
      ...ALICLOUD_KEY,
      sasEndpoint: emu.url,
      alicloudRatePerSecond: 5000,
    }));
  });
  afterAll(async () => {
    await runtime.close();
    await direct.close();
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset();
    emu.clearFaults();
    emu.clearRequests();
  });

  it('check and diff make no call; create finds the new id by exact name', async () => {
    const inputs = await sas.checked(desired('alerts'));
    expect(inputs.regionId).toBe('cn-hangzhou');
    await sas.diff('1', { ...inputs }, { ...inputs, language: 'zh' });
    expect(totalRequests(emu)).toBe(0);

    await seed('alerts-staging');
    emu.clearRequests();
    const created = await sas.create(inputs);
    const [mine] = named('alerts');
    expect(created.id).toBe(String(mine.id));
    expect(created.outs).toMatchObject({
      ...desired('alerts'),
      enabled: true,
      notificationId: mine.id,
      regionId: 'cn-hangzhou',
    });
    expect(created.outs.createdDate).toEqual(expect.any(String));
    expect(emu.requests().counts).toEqual({
      'security-center:DescribeDingTalk': 2,
      'security-center:CreateOrUpdateDingTalk': 1,
    });
  });

  it('discovers the id over several Describe pages', async () => {
    // More than one page (100) of notifications whose names contain the new one's.
    for (let i = 0; i < 105; i++) await seed(`pager-${String(i).padStart(3, '0')}`);
    emu.clearRequests();
    const created = await sas.create(await sas.checked(desired('pager')));
    const [mine] = named('pager');
    expect(created.id).toBe(String(mine.id));
    const pages = requestsOf(emu, 'DescribeDingTalk').map((r) => Number(r.params.CurrentPage));
    expect(pages).toEqual([1, 2, 1, 2]);

    emu.clearRequests();
    const read = await sas.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(requestsOf(emu, 'DescribeDingTalk').length).toBe(2);
  });

  it('fails with "already exists" without adopt, and adopts the lowest id with it', async () => {
    await seed('taken');
    await seed('taken');
    const [first] = named('taken');
    let error: Error | undefined;
    try {
      await sas.create(await sas.checked(desired('taken')));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/"taken" already exists; set adopt: true/);
    expect(error?.message).not.toContain(TOKEN);
    expect(named('taken')).toHaveLength(2);

    emu.clearRequests();
    const adopted = await sas.create(
      await sas.checked(desired('taken', { adopt: true, enabled: false })),
    );
    expect(adopted.id).toBe(String(first.id));
    expect(named('taken')).toHaveLength(2);
    const mine = stored().find((n) => n.id === first.id)!;
    expect(mine).toMatchObject({ sendUrl: WEBHOOK, status: 0, language: 'en' });
    expect(emu.requests().counts).toMatchObject({
      'security-center:CreateOrUpdateDingTalk': 1,
      'security-center:ModifyDingTalkStatus': 1,
    });
  });

  it('does not duplicate a create whose response was lost', async () => {
    emu.addFault({
      family: 'security-center',
      action: 'CreateOrUpdateDingTalk',
      kind: 'commit-then-drop',
      times: 1,
    });
    const created = await sas.create(await sas.checked(desired('lost')));
    expect(named('lost')).toHaveLength(1);
    expect(created.id).toBe(String(named('lost')[0].id));
    expect(requestsOf(emu, 'CreateOrUpdateDingTalk')[0].fault).toBe('commit-then-drop');
  });

  it('updates with the fewest calls, reads without drift, sees drift made elsewhere', async () => {
    const inputs = await sas.checked(desired('upd'));
    const created = await sas.create(inputs);

    emu.clearRequests();
    const disabled = await sas.checked(desired('upd', { enabled: false }));
    expect((await sas.diff(created.id, created.outs, disabled)).changes).toBe(true);
    const afterStatus = await sas.update(created.id, created.outs, disabled);
    expect(emu.requests().counts).toEqual({ 'security-center:ModifyDingTalkStatus': 1 });

    emu.clearRequests();
    const renamed = await sas.checked(desired('upd-renamed', { enabled: false, groupIds: [] }));
    const rename = await sas.diff(created.id, afterStatus.outs, renamed);
    expect(rename).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const afterRename = await sas.update(created.id, afterStatus.outs, renamed);
    expect(emu.requests().counts).toEqual({ 'security-center:CreateOrUpdateDingTalk': 1 });
    expect(stored()).toEqual([
      expect.objectContaining({ id: Number(created.id), ruleActionName: 'upd-renamed', status: 0 }),
    ]);

    const read = await sas.read(created.id, afterRename.outs);
    expect((await sas.diff(created.id, read.props!, read.inputs!)).changes).toBe(false);
    expect((await sas.diff(created.id, read.props!, renamed)).changes).toBe(false);

    await direct.securityCenter.modifyDingTalkStatus('cn-hangzhou', [Number(created.id)], true);
    const drifted = await sas.read(created.id, afterRename.outs);
    expect(drifted.props?.enabled).toBe(true);
    expect((await sas.diff(created.id, drifted.props!, renamed)).changes).toBe(true);
  });

  it('replaces when the region changes', async () => {
    const inputs = await sas.checked(desired('moving'));
    const created = await sas.create(inputs);
    const diff = await sas.diff(created.id, created.outs, {
      ...inputs,
      regionId: 'ap-southeast-1',
    });
    expect(diff).toEqual({ changes: true, replaces: ['regionId'], deleteBeforeReplace: false });
  });

  it('deletes an object that is already gone, and reads it as gone', async () => {
    const created = await sas.create(await sas.checked(desired('gone')));
    await direct.securityCenter.deleteDingTalk('cn-hangzhou', [Number(created.id)]);
    expect(await sas.read(created.id, created.outs)).toEqual({});
    emu.clearRequests();
    await expect(sas.delete(created.id, created.outs)).resolves.toBeUndefined();
    expect(emu.requests().counts).toEqual({ 'security-center:DeleteDingTalk': 1 });
  });
});
