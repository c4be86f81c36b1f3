import { AlreadyExists, ChatOpsError, PartialFailure } from '../../../../provider/errors';
import type { ProviderSettings } from '../../../../provider/config/settings';
import type { DingTalkNotificationSpec } from '../../../../provider/clients/alicloud/security-center';
import {
  READ_BACK_PAUSES_MS,
  securityCenterDingTalkNotificationLifecycle as lifecycle,
} from '../../../../provider/resources/security-center-notification/lifecycle';
import { TEST_ACCOUNT, testContext } from '../../../support/lifecycle-context';
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

  describe('a create the listing does not show at once', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] }));
    afterEach(() => jest.useRealTimers());

    /** Runs the create to its end (value or error), moving the clock through its pauses. */
    async function createThroughPauses(run: Promise<unknown>): Promise<unknown> {
      let settled = false;
      const outcome = run.then(
        (value) => value,
        (error: unknown) => error,
      );
      void outcome.finally(() => {
        settled = true;
      });
      while (!settled) {
        // The finder batches on setImmediate, which stays real: let it run, then move time.
        await new Promise((resolve) => setImmediate(resolve));
        await jest.advanceTimersByTimeAsync(250);
      }
      return outcome;
    }

    it('looks again after pauses and takes the notification once it shows', async () => {
      const { sas, ctx } = setup();
      const create = sas.createOrUpdateDingTalk.bind(sas);
      let lookups = 0;
      sas.createOrUpdateDingTalk = async (region, spec) => {
        await create(region, spec);
        const made = sas.items.splice(0);
        // Listed only from the third look-up after the create.
        const findByName = sas.findDingTalkByName.bind(sas);
        sas.findDingTalkByName = async (r, name) => {
          lookups += 1;
          if (lookups === 3) sas.items.push(...made);
          return findByName(r, name);
        };
      };
      const result = await createThroughPauses(lifecycle.create(await checked(desired), ctx));
      expect(result).toMatchObject({ id: '100' });
      expect(lookups).toBe(3);
    });

    it('keeps a create as a pending create when the listing fails after it was accepted', async () => {
      const { sas, ctx } = setup();
      const create = sas.createOrUpdateDingTalk.bind(sas);
      sas.createOrUpdateDingTalk = async (region, spec) => {
        await create(region, spec);
        sas.failNext('describe', new ChatOpsError({ code: 'THROTTLED', message: 'slow down' }));
      };
      const error = await createThroughPauses(lifecycle.create(await checked(desired), ctx));
      expect(error).toBeInstanceOf(PartialFailure);
      expect((error as PartialFailure).properties).toMatchObject({
        pendingCreateSince: expect.any(String),
        accountId: TEST_ACCOUNT,
      });
      expect((error as PartialFailure).message).toContain('slow down');
    });

    it('keeps a create that was accepted but never listed as a pending create, after about 30 s', async () => {
      const { sas, ctx } = setup();
      sas.createOrUpdateDingTalk = async () => {};
      const error = await createThroughPauses(lifecycle.create(await checked(desired), ctx));
      expect(error).toBeInstanceOf(PartialFailure);
      const failure = error as PartialFailure;
      expect(failure.id).toMatch(/^pending-create-\d+$/);
      expect(failure.message).toMatch(
        /has not listed it after 30\.5 s; the stack keeps it as a pending create/,
      );
      expect(failure.properties).toMatchObject({
        name: 'sas-alerts',
        pendingCreateSince: expect.any(String),
        accountId: TEST_ACCOUNT,
      });
      expect(JSON.stringify(failure.properties)).not.toContain(WEBHOOK);
      // One look-up before the create, then one at once and one after each pause.
      expect(sas.calls.filter((c) => c === 'describe')).toHaveLength(
        READ_BACK_PAUSES_MS.length + 2,
      );
    });
  });

  describe('a pending create, found later by what the create recorded', () => {
    const pendingState = (since: string) =>
      ({
        ...desiredChecked,
        pendingCreateSince: since,
        accountId: TEST_ACCOUNT,
      }) as never;
    let desiredChecked: Record<string, unknown>;
    beforeAll(async () => {
      const { webhookUrl: _secret, ...rest } = await checked(desired);
      desiredChecked = rest;
    });
    const since = '2026-01-01T00:00:00.000Z';
    /** A notification with the declared settings, created at `gmtCreate`. */
    const seedAt = (sas: FakeSecurityCenter, gmtCreate: string) =>
      sas.seed('sas-alerts', { sendUrl: WEBHOOK, groupIds: ['7'], gmtCreate });

    it('a refresh takes the notification in under its real Id once it is listed', async () => {
      const { sas, ctx } = setup();
      seedAt(sas, '2026-01-01T00:00:01.000Z');
      const made = seedAt(sas, '2026-01-01T00:00:02.000Z');
      // Created before the pending create began (beyond the clock allowance): not its own.
      seedAt(sas, '2025-06-01T00:00:00.000Z');
      sas.items.splice(0, 1);
      const read = await lifecycle.read('pending-create-1', pendingState(since), ctx);
      expect(read.id).toBe(String(made.id));
      expect(read.props).toMatchObject({ notificationId: made.id, accountId: TEST_ACCOUNT });
    });

    it('a refresh drops a pending create once a complete listing shows none', async () => {
      const { sas, ctx } = setup();
      seedAt(sas, '2025-06-01T00:00:00.000Z');
      expect(await lifecycle.read('pending-create-1', pendingState(since), ctx)).toEqual({});
    });

    it('keeps a pending create while a notification of its name may be its own, edited since', async () => {
      const { sas, ctx } = setup();
      sas.seed('sas-alerts', {
        sendUrl: WEBHOOK,
        groupIds: ['9'],
        gmtCreate: '2026-01-01T00:00:02.000Z',
      });
      await expect(
        lifecycle.read('pending-create-1', pendingState(since), ctx),
      ).rejects.toMatchObject({
        code: 'GONE_UNPROVEN',
        message: expect.stringContaining('still lists it'),
      });
      await expect(
        lifecycle.delete('pending-create-1', pendingState(since), ctx),
      ).rejects.toMatchObject({ code: 'GONE_UNPROVEN' });
    });

    it('an update applies to the notification the pending create made', async () => {
      const { sas, ctx } = setup();
      const made = seedAt(sas, '2026-01-01T00:00:02.000Z');
      const news = await checked({ ...desired, intervalTime: 300 });
      const updated = await lifecycle.update('pending-create-1', pendingState(since), news, ctx);
      expect(updated.outs).toMatchObject({ notificationId: made.id, intervalTime: 300 });
      expect(updated.outs).not.toHaveProperty('pendingCreateSince');
      expect(made.intervalTime).toBe(300);
    });

    it('an update of a pending create still unlisted fails and asks for a refresh', async () => {
      const { ctx } = setup();
      const news = await checked({ ...desired, intervalTime: 300 });
      await expect(
        lifecycle.update('pending-create-1', pendingState(since), news, ctx),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('pulumi refresh'),
      });
    });

    it('a delete removes the notification the pending create made, and only that one', async () => {
      const { sas, ctx } = setup();
      const older = seedAt(sas, '2025-06-01T00:00:00.000Z');
      seedAt(sas, '2026-01-01T00:00:02.000Z');
      await lifecycle.delete('pending-create-1', pendingState(since), ctx);
      expect(sas.items.map((n) => n.id)).toEqual([older.id]);
    });
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
        accountId: TEST_ACCOUNT,
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

  it('treats "not found" as deleted once a complete listing lacks the Id, and passes any other failure on', async () => {
    const { sas, ctx } = setup();
    const recorded = { accountId: TEST_ACCOUNT } as never;
    sas.failNext('delete', new ChatOpsError({ code: 'NOT_FOUND', message: 'DingTalkNotExist' }));
    await expect(lifecycle.delete('5', recorded, ctx)).resolves.toBeUndefined();
    // The proof: two walks of the region that agree.
    expect(sas.calls).toEqual(['delete', 'describe', 'describe']);
    sas.failNext('delete', new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'denied' }));
    await expect(lifecycle.delete('5', recorded, ctx)).rejects.toThrow('denied');
  });

  it('keeps a notification whose delete says "not found" while the listing still shows it', async () => {
    const { sas, ctx } = setup();
    const listed = sas.seed('sas-alerts');
    sas.failNext(
      'delete',
      new ChatOpsError({ code: 'NOT_FOUND', message: 'DataNotExist', remoteCode: 'DataNotExist' }),
    );
    await expect(
      lifecycle.delete(String(listed.id), { accountId: TEST_ACCOUNT } as never, ctx),
    ).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
      remoteCode: 'DataNotExist',
      message: expect.stringContaining('still lists it'),
    });
  });

  it('keeps a notification whose delete says "not found" when state records no account', async () => {
    const { sas, ctx } = setup();
    sas.failNext('delete', new ChatOpsError({ code: 'NOT_FOUND', message: 'DingTalkNotExist' }));
    await expect(lifecycle.delete('5', {} as never, ctx)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
    });
    expect(sas.calls).toEqual(['delete']);
  });
});
