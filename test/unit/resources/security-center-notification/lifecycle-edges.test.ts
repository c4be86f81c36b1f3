import { AlreadyExists, ChatOpsError, PartialFailure } from '../../../../provider/errors';
import type { ProviderSettings } from '../../../../provider/config/settings';
import type { DingTalkNotificationSpec } from '../../../../provider/clients/alicloud/security-center';
import { securityCenterDingTalkNotificationLifecycle as lifecycle } from '../../../../provider/resources/security-center-notification/lifecycle';
import { testContext } from '../../../support/lifecycle-context';
import { FakeSecurityCenter } from './fake-security-center';

const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=tok-0123456789abcdef';
const desired = { name: 'sas-alerts', webhookUrl: WEBHOOK, groupIds: ['7'] };

async function checked(news: Record<string, unknown>) {
  const result = await lifecycle.check({}, news, testContext({ settings: { region: undefined } }));
  expect(result.failures).toEqual([]);
  return result.inputs;
}

function setup(settings?: ProviderSettings) {
  const sas = new FakeSecurityCenter();
  return { sas, ctx: testContext({ clients: { securityCenter: sas.asClient() }, settings }) };
}

/** Records the region of every delete call. */
function recordDeleteRegions(sas: FakeSecurityCenter): string[] {
  const regions: string[] = [];
  const del = sas.deleteDingTalk.bind(sas);
  sas.deleteDingTalk = async (region, ids) => {
    regions.push(region);
    return del(region, ids);
  };
  return regions;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('SecurityCenterDingTalkNotification create, edge cases', () => {
  it('sends no Id when creating', async () => {
    const { sas, ctx } = setup();
    const specs: DingTalkNotificationSpec[] = [];
    const create = sas.createOrUpdateDingTalk.bind(sas);
    sas.createOrUpdateDingTalk = async (region, spec) => {
      specs.push(spec);
      return create(region, spec);
    };
    await lifecycle.create(await checked(desired), ctx);
    expect(specs).toHaveLength(1);
    expect(specs[0]).not.toHaveProperty('id');
  });

  it('keeps the lowest new id even when the listing shows the higher one first', async () => {
    const { sas, ctx } = setup();
    sas.copiesPerCreate = 2;
    const create = sas.createOrUpdateDingTalk.bind(sas);
    sas.createOrUpdateDingTalk = async (region, spec) => {
      await create(region, spec);
      sas.items.reverse();
    };
    const result = await lifecycle.create(await checked(desired), ctx);
    expect(sas.items).toHaveLength(1);
    expect(result.id).toBe(String(sas.items[0].id));
    expect(sas.items[0].id).toBe(100);
  });

  it('fails at once on an error that is not ambiguous, without creating again', async () => {
    const { sas, ctx } = setup();
    sas.failNext('create', new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'no right' }));
    await expect(lifecycle.create(await checked(desired), ctx)).rejects.toThrow('no right');
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create']);
    expect(sas.items).toHaveLength(0);
  });

  it('reports a create that was accepted but never listed', async () => {
    const { sas, ctx } = setup();
    sas.createOrUpdateDingTalk = async () => {};
    const error = await caught(lifecycle.create(await checked(desired), ctx));
    expect(error).toBeInstanceOf(ChatOpsError);
    expect((error as ChatOpsError).code).toBe('READ_BACK_FAILED');
    expect((error as ChatOpsError).message).toBe(
      'Security Center DingTalk notification "sas-alerts" was accepted but is not listed; run the update again',
    );
  });

  describe('adopting', () => {
    it('takes the lowest id even when the listing shows it last, and returns its outputs', async () => {
      const { sas, ctx } = setup();
      const low = sas.seed('sas-alerts', { gmtCreate: 'c', gmtModified: 'm' });
      sas.seed('sas-alerts');
      sas.items.reverse();
      const inputs = await checked({ ...desired, adopt: true });
      const result = await lifecycle.create(inputs, ctx);
      expect(result.id).toBe(String(low.id));
      expect(result.outs).toEqual({
        ...inputs,
        notificationId: low.id,
        createdDate: 'c',
        updatedDate: 'm',
      });
      expect(low.sendUrl).toBe(WEBHOOK);
    });

    it('makes no status call when the status already matches', async () => {
      const { sas, ctx } = setup();
      sas.seed('sas-alerts', { enabled: true });
      await lifecycle.create(await checked({ ...desired, adopt: true }), ctx);
      expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['update']);
    });

    it('keeps the adopted notification with its old status when the status call fails', async () => {
      const { sas, ctx } = setup();
      const existing = sas.seed('sas-alerts', { enabled: true });
      sas.failNext('status', new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'denied' }));
      const error = await caught(
        lifecycle.create(await checked({ ...desired, adopt: true, enabled: false }), ctx),
      );
      expect(error).toBeInstanceOf(PartialFailure);
      const failure = error as PartialFailure;
      expect(failure.id).toBe(String(existing.id));
      expect(failure.properties).toMatchObject({
        name: 'sas-alerts',
        enabled: true,
        notificationId: existing.id,
        groupIds: ['7'],
      });
    });

    it('without adopt, says the name is taken', async () => {
      const { sas, ctx } = setup();
      sas.seed('sas-alerts');
      await expect(lifecycle.create(await checked(desired), ctx)).rejects.toThrow(AlreadyExists);
    });
  });
});

describe('SecurityCenterDingTalkNotification read, edge cases', () => {
  it.each([true, false])('carries adopt=%s over from state', async (adopt) => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked({ ...desired, adopt }), ctx);
    if (!adopt) expect(sas.calls).toContain('create');
    const read = await lifecycle.read(created.id, { ...created.outs, adopt }, ctx);
    expect(read.props?.adopt).toBe(adopt);
    expect(read.inputs?.adopt).toBe(adopt);
  });

  it('gives a notification listed without group ids or config empty lists as inputs', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    (sas.items[0] as { groupIds?: string[] }).groupIds = undefined;
    const read = await lifecycle.read(created.id, created.outs, ctx);
    expect(read.inputs?.groupIds).toEqual([]);
  });
});

describe('SecurityCenterDingTalkNotification update, edge cases', () => {
  it('keeps the old status in state when the status call fails', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    sas.failNext('status', new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'denied' }));
    const error = await caught(
      lifecycle.update(
        created.id,
        created.outs,
        await checked({ ...desired, enabled: false, language: 'en' }),
        ctx,
      ),
    );
    expect(error).toBeInstanceOf(PartialFailure);
    const failure = error as PartialFailure;
    expect(failure.id).toBe(created.id);
    expect(failure.properties).toMatchObject({
      language: 'en',
      enabled: true,
      notificationId: Number(created.id),
    });
    expect(failure.properties).not.toHaveProperty('webhookUrl');
  });
});

describe('SecurityCenterDingTalkNotification delete, edge cases', () => {
  it('deletes the notificationId that state holds, in the region that state holds', async () => {
    const { sas, ctx } = setup();
    const regions = recordDeleteRegions(sas);
    const n = sas.seed('sas-alerts');
    sas.seed('other');
    await lifecycle.delete(
      '999',
      { notificationId: n.id, regionId: 'ap-southeast-1' } as never,
      ctx,
    );
    expect(sas.items.map((i) => i.ruleActionName)).toEqual(['other']);
    expect(regions).toEqual(['ap-southeast-1']);
  });

  it('takes the id from the resource id when state has no notificationId', async () => {
    const { sas, ctx } = setup();
    const n = sas.seed('sas-alerts');
    await lifecycle.delete(String(n.id), { notificationId: 'x' } as never, ctx);
    expect(sas.items).toHaveLength(0);
  });

  it('uses the configured region, else the mainland one, for state without a region', async () => {
    const configured = setup({ region: 'ap-southeast-1' });
    const configuredRegions = recordDeleteRegions(configured.sas);
    await lifecycle.delete('5', {} as never, configured.ctx);
    expect(configuredRegions).toEqual(['ap-southeast-1']);

    const unset = setup({ region: undefined });
    const unsetRegions = recordDeleteRegions(unset.sas);
    await lifecycle.delete('5', {} as never, unset.ctx);
    expect(unsetRegions).toEqual(['cn-shanghai']);
  });

  it('treats "not found" as deleted and passes any other failure on', async () => {
    const { sas, ctx } = setup();
    sas.failNext('delete', new ChatOpsError({ code: 'NOT_FOUND', message: 'DingTalkNotExist' }));
    await expect(lifecycle.delete('5', {} as never, ctx)).resolves.toBeUndefined();
    sas.failNext('delete', new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'denied' }));
    await expect(lifecycle.delete('5', {} as never, ctx)).rejects.toThrow('denied');
  });
});
