import { AlreadyExists, ChatOpsError, PartialFailure } from '../../../../provider/errors';
import type { ProviderSettings } from '../../../../provider/config/settings';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { securityCenterDingTalkNotificationLifecycle as lifecycle } from '../../../../provider/resources/security-center-notification/lifecycle';
import { testContext } from '../../../support/lifecycle-context';
import { IN_PLACE_CHANGE, NO_CHANGES } from '../diff-answers';
import { FakeSecurityCenter, NOTIFICATION_DEFAULTS } from './fake-security-center';

const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=tok-0123456789abcdef';
const desired = {
  name: 'sas-alerts',
  webhookUrl: WEBHOOK,
  groupIds: ['10417151', '2'],
  config: [
    {
      type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
      items: [
        { key: 'item_level', values: ['all'] },
        { key: 'event_type', values: ['b', 'a'] },
      ],
    },
  ],
};

async function checked(news: Record<string, unknown>) {
  const result = await lifecycle.check({}, news, testContext({ settings: { region: undefined } }));
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** A fake Security Center, and a context whose client it is (with `settings` when given). */
function setup(settings?: ProviderSettings) {
  const sas = new FakeSecurityCenter();
  return { sas, ctx: testContext({ clients: { securityCenter: sas.asClient() }, settings }) };
}

describe('SecurityCenterDingTalkNotification check', () => {
  it('applies the defaults', async () => {
    expect(await checked({ name: 'ab', webhookUrl: WEBHOOK })).toEqual({
      name: 'ab',
      webhookUrl: WEBHOOK,
      ...NOTIFICATION_DEFAULTS,
    });
  });

  it('takes the configured region as the default', async () => {
    const { inputs } = await lifecycle.check(
      {},
      { name: 'ab', webhookUrl: WEBHOOK },
      testContext({ settings: { region: 'ap-southeast-1' } }),
    );
    expect(inputs.regionId).toBe('ap-southeast-1');
  });

  it('explains each bad property, never echoing the webhook', async () => {
    const bad = 'http://oapi.dingtalk.com/robot/send?access_token=leak-me-please';
    const { failures } = await lifecycle.check(
      {},
      {
        name: 'a',
        webhookUrl: bad,
        intervalTime: -1,
        language: 'fr',
        groupIds: ['abc'],
        config: [{ type: '', items: [{ key: 'k', values: [] }] }],
        enabled: 'yes',
      },
      testContext(),
    );
    const reasons = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      [
        'name',
        'webhookUrl',
        'intervalTime',
        'language',
        'groupIds[0]',
        'config[0].type',
        'config[0].items[0].values',
        'enabled',
      ].sort(),
    );
    expect(reasons.name).toBe('name: must be 2 to 64 characters');
    expect(reasons.webhookUrl).toMatch(/https DingTalk robot webhook/);
    expect(JSON.stringify(failures)).not.toContain('leak-me-please');
  });

  it('drops repeated group ids', async () => {
    expect((await checked({ ...desired, groupIds: ['1', '1', '2'] })).groupIds).toEqual(['1', '2']);
  });
});

describe('SecurityCenterDingTalkNotification diff', () => {
  it('compares group ids and config entries as sets', async () => {
    const olds = await checked(desired);
    const news = await checked({
      ...desired,
      groupIds: ['2', '10417151'],
      config: [
        {
          type: desired.config[0].type,
          items: [
            { key: 'event_type', values: ['a', 'b'] },
            { key: 'item_level', values: ['all'] },
          ],
        },
      ],
    });
    expect(await lifecycle.diff('1', olds, news, testContext())).toEqual(NO_CHANGES);
  });

  it('changes in place, except the region', async () => {
    const olds = await checked(desired);
    const ctx = testContext();
    expect(
      await lifecycle.diff('1', olds, await checked({ ...desired, name: 'renamed' }), ctx),
    ).toEqual(IN_PLACE_CHANGE);
    const moved = await lifecycle.diff('1', olds, { ...olds, regionId: 'ap-southeast-1' }, ctx);
    expect(moved.replaces).toEqual(['regionId']);
    expect((await lifecycle.diff('1', olds, { ...olds, enabled: UNKNOWN }, ctx)).changes).toBe(
      true,
    );
  });
});

describe('SecurityCenterDingTalkNotification create', () => {
  it('looks the name up, creates, and finds the new id by exact name', async () => {
    const { sas, ctx } = setup();
    sas.seed('sas-alerts-old');
    sas.seed('x-sas-alerts');
    const result = await lifecycle.create(await checked(desired), ctx);
    const created = sas.items.find((n) => n.ruleActionName === 'sas-alerts')!;
    expect(result.id).toBe(String(created.id));
    expect(result.outs).toMatchObject({
      ...desired,
      notificationId: created.id,
      enabled: true,
      language: 'zh',
    });
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create']);
  });

  it('fails with "already exists" when the name is taken and adopt is not set', async () => {
    const { sas, ctx } = setup();
    sas.seed('sas-alerts');
    await expect(lifecycle.create(await checked(desired), ctx)).rejects.toThrow(AlreadyExists);
    expect(sas.calls).not.toContain('create');
  });

  describe('a notification its own killed run created moments ago', () => {
    const same = {
      sendUrl: WEBHOOK,
      groupIds: ['10417151', '2'],
      config: desired.config,
      gmtCreate: new Date(Date.now() - 30_000).toISOString(),
    };

    it('is taken over without adopt, and gets the declared status', async () => {
      const { sas, ctx } = setup();
      const earlier = sas.seed('sas-alerts', same);
      const result = await lifecycle.create(await checked({ ...desired, enabled: false }), ctx);
      expect(result.id).toBe(String(earlier.id));
      expect(sas.items.map((n) => [n.id, n.enabled])).toEqual([[earlier.id, false]]);
      expect(sas.calls).not.toContain('create');
    });

    it('cannot be told apart from a copy: with two of them the user decides', async () => {
      const { sas, ctx } = setup();
      sas.seed('sas-alerts', same);
      sas.seed('sas-alerts', same);
      await expect(lifecycle.create(await checked(desired), ctx)).rejects.toThrow(AlreadyExists);
      expect(sas.items).toHaveLength(2);
      expect(sas.calls).not.toContain('create');
    });

    it("is someone else's when its settings differ or it is older", async () => {
      const changed = setup();
      changed.sas.seed('sas-alerts', { ...same, intervalTime: 600 });
      await expect(lifecycle.create(await checked(desired), changed.ctx)).rejects.toThrow(
        AlreadyExists,
      );
      const old = setup();
      old.sas.seed('sas-alerts', { ...same, gmtCreate: '2024-01-01T00:00:00.000Z' });
      await expect(lifecycle.create(await checked(desired), old.ctx)).rejects.toThrow(
        AlreadyExists,
      );
      expect([...changed.sas.calls, ...old.sas.calls]).not.toContain('create');
    });
  });

  it('adopts the lowest id of that name and applies the settings and status', async () => {
    const { sas, ctx } = setup();
    const first = sas.seed('sas-alerts');
    sas.seed('sas-alerts');
    const result = await lifecycle.create(
      await checked({ ...desired, adopt: true, enabled: false }),
      ctx,
    );
    expect(result.id).toBe(String(first.id));
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['update', 'status']);
    expect(first).toMatchObject({ sendUrl: WEBHOOK, enabled: false, groupIds: desired.groupIds });
    expect(sas.items).toHaveLength(2);
  });

  it('keeps the lowest new id and deletes the duplicate of a create committed twice', async () => {
    const { sas, ctx } = setup();
    sas.copiesPerCreate = 2;
    // Note the ids the create made, before the resource deletes one of them.
    const create = sas.createOrUpdateDingTalk.bind(sas);
    let made: number[] = [];
    sas.createOrUpdateDingTalk = async (region, spec) => {
      await create(region, spec);
      made = sas.items.map((n) => n.id);
    };

    const result = await lifecycle.create(await checked(desired), ctx);

    expect(made).toHaveLength(2);
    expect(result.id).toBe(String(Math.min(...made)));
    expect(sas.items.map((n) => n.id)).toEqual([Math.min(...made)]);
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create', 'delete']);
  });

  it('recognises a create whose answer was lost', async () => {
    const { sas, ctx } = setup();
    sas.dropNextCreateAnswer = true;
    const result = await lifecycle.create(await checked(desired), ctx);
    expect(sas.items).toHaveLength(1);
    expect(result.id).toBe(String(sas.items[0].id));
  });

  it('creates again when a broken connection left nothing behind', async () => {
    const { sas, ctx } = setup();
    sas.failNext('create', new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'reset' }));
    const result = await lifecycle.create(await checked(desired), ctx);
    expect(sas.items).toHaveLength(1);
    expect(result.id).toBe(String(sas.items[0].id));
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create', 'create']);
  });

  it('waits out a timeout before looking, so a late commit is found and not duplicated', async () => {
    const { sas, ctx } = setup({ requestTimeoutMs: 30 });
    // The remote commits 10 ms after the client gave up on its answer.
    sas.failNext('create', new ChatOpsError({ code: 'TIMEOUT', message: 'no answer' }));
    const create = sas.createOrUpdateDingTalk.bind(sas);
    let first = true;
    sas.createOrUpdateDingTalk = async (region, spec) => {
      if (first) {
        first = false;
        setTimeout(() => sas.seed(spec.ruleActionName, { sendUrl: spec.sendUrl }), 10);
      }
      return create(region, spec);
    };
    const result = await lifecycle.create(await checked(desired), ctx);
    expect(sas.items).toHaveLength(1);
    expect(result.id).toBe(String(sas.items[0].id));
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create']);
  });

  it('gives up after maxAttempts rounds that each left nothing behind', async () => {
    const { sas, ctx } = setup({ maxAttempts: 2 });
    sas.failNext('create', new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'reset 1' }));
    sas.failNext('create', new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'reset 2' }));
    await expect(lifecycle.create(await checked(desired), ctx)).rejects.toThrow('reset 2');
    expect(sas.items).toHaveLength(0);
    expect(sas.calls.filter((c) => c !== 'describe')).toEqual(['create', 'create']);
  });

  it('disables after creating when asked, and keeps the resource on a failed status call', async () => {
    const { sas, ctx } = setup();
    const disabled = await lifecycle.create(await checked({ ...desired, enabled: false }), ctx);
    expect(disabled.outs.enabled).toBe(false);
    expect(sas.items[0].enabled).toBe(false);

    const other = setup();
    other.sas.failNext(
      'status',
      new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'Enterprise only' }),
    );
    let caught: unknown;
    try {
      await lifecycle.create(await checked({ ...desired, enabled: false }), other.ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PartialFailure);
    const failure = caught as PartialFailure;
    expect(failure.id).toBe(String(other.sas.items[0].id));
    expect(failure.properties).not.toHaveProperty('webhookUrl');
    expect(JSON.stringify(failure.properties) + failure.message).not.toContain('tok-0123456789');
  });
});

describe('SecurityCenterDingTalkNotification read, update, delete', () => {
  it('reads live values and inputs; a gone notification has no id', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    const live = sas.items[0];
    live.intervalTime = 60;
    const read = await lifecycle.read(created.id, created.outs, ctx);
    expect(read.props).toMatchObject({ intervalTime: 60, webhookUrl: WEBHOOK });
    expect(read.inputs).toEqual({ ...(await checked(desired)), intervalTime: 60 });
    sas.items.length = 0;
    expect(await lifecycle.read(created.id, created.outs, ctx)).toEqual({});
  });

  it('keeps the last applied webhook when Describe masks it', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    sas.items[0].sendUrl = 'https://oapi.dingtalk.com/robot/send?access_token=******';
    const read = await lifecycle.read(created.id, created.outs, ctx);
    expect(read.props?.webhookUrl).toBe(WEBHOOK);
  });

  it('finds a notification renamed elsewhere by scanning every page', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    sas.items[0].ruleActionName = 'renamed-in-console';
    const read = await lifecycle.read(created.id, created.outs, ctx);
    expect(read.props?.name).toBe('renamed-in-console');
  });

  it('makes only the calls a change needs', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    sas.calls.length = 0;
    const statusOnly = await lifecycle.update(
      created.id,
      created.outs,
      await checked({ ...desired, enabled: false }),
      ctx,
    );
    expect(sas.calls).toEqual(['status']);
    sas.calls.length = 0;
    const settingsOnly = await lifecycle.update(
      created.id,
      statusOnly.outs,
      await checked({ ...desired, enabled: false, language: 'en' }),
      ctx,
    );
    expect(sas.calls).toEqual(['update']);
    expect(settingsOnly.outs).toMatchObject({
      language: 'en',
      enabled: false,
      notificationId: Number(created.id),
    });
    expect(sas.items[0]).toMatchObject({ language: 'en', enabled: false });
  });

  it('deletes, also when the notification is already gone', async () => {
    const { sas, ctx } = setup();
    const created = await lifecycle.create(await checked(desired), ctx);
    await lifecycle.delete(created.id, created.outs, ctx);
    await lifecycle.delete(created.id, created.outs, ctx);
    expect(sas.items).toHaveLength(0);
  });
});
