import {
  requestsOf,
  type Created,
  seedNotification,
  useAlicloudResource,
} from './alicloud-harness';

// A refresh reads many notifications at once, an up creates many, each create looking its name
// up before and after. Look-ups that arrive together share DescribeDingTalk listing pages
// instead of one call each, and every one still gets its own answer.

const TYPE = 'SecurityCenterDingTalkNotification';
const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=batched-reads-token';

describe('SecurityCenterDingTalkNotification look-ups that run at the same time', () => {
  const h = useAlicloudResource(TYPE);

  const seed = (name: string) => seedNotification(h.direct, name);
  const createMine = async (count: number): Promise<Created[]> => {
    const created: Created[] = [];
    for (let i = 0; i < count; i++) {
      const inputs = await h.resource.checked({
        name: `mine-${i}`,
        webhookUrl: WEBHOOK,
        intervalTime: i,
      });
      created.push(await h.resource.create(inputs));
    }
    return created;
  };
  const describePages = () =>
    requestsOf(h.emu, 'DescribeDingTalk').map((r) => ({
      page: Number(r.params.CurrentPage),
      name: r.params.RuleActionName,
    }));

  it('answers eight reads, one of them gone, from one listing page', async () => {
    await seed('someone-else');
    const mine = await createMine(8);
    await h.direct.securityCenter.deleteDingTalk('cn-hangzhou', [Number(mine[3].id)]);
    h.emu.clearRequests();

    const reads = await Promise.all(mine.map((c) => h.resource.read(c.id, c.outs)));

    // One page answers all eight; the one it lacks is proven gone by a listing of its own,
    // walked twice (a proof needs two walks that agree).
    expect(describePages()).toEqual([
      { page: 1, name: undefined },
      { page: 1, name: undefined },
      { page: 1, name: undefined },
    ]);
    reads.forEach((read, i) => {
      if (i === 3) {
        expect(read).toEqual({});
        return;
      }
      expect(read.id).toBe(mine[i].id);
      expect(read.props).toMatchObject({ name: `mine-${i}`, intervalTime: i });
      expect(read.inputs).toMatchObject({ name: `mine-${i}`, intervalTime: i });
    });
  });

  it("a lone read reads the region's first page, which answers it", async () => {
    await seed('someone-else');
    const [only] = await createMine(1);
    h.emu.clearRequests();
    const read = await h.resource.read(only.id, only.outs);
    expect(read.id).toBe(only.id);
    expect(describePages()).toEqual([{ page: 1, name: undefined }]);
  });

  /** `others` notifications of someone else, then `count` of mine, all read at once. */
  async function readMineAfterOthers(others: number, count: number): Promise<void> {
    for (let i = 0; i < others; i++) await seed(`other-${i}`);
    const mine = await createMine(count);
    h.emu.clearRequests();

    const reads = await Promise.all(mine.map((c) => h.resource.read(c.id, c.outs)));

    expect(reads.map((r) => r.id)).toEqual(mine.map((c) => c.id));
  }

  it('walks the listing while it costs fewer calls than one look-up per read', async () => {
    await readMineAfterOthers(30, 5); // all on page 2 (pages of 20)
    expect(describePages()).toEqual([
      { page: 1, name: undefined },
      { page: 2, name: undefined },
    ]);
  });

  it('looks the rest up by name when more pages remain than reads', async () => {
    await readMineAfterOthers(50, 2); // both on page 3 (pages of 20)
    const pages = describePages();
    expect(pages[0]).toEqual({ page: 1, name: undefined });
    expect(pages.slice(1).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { page: 1, name: 'mine-0' },
      { page: 1, name: 'mine-1' },
    ]);
  });

  it('finds a notification renamed elsewhere, in a batch as alone', async () => {
    const mine = await createMine(3);
    await h.direct.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
      id: Number(mine[0].id),
      ruleActionName: 'renamed-in-the-console',
      sendUrl: WEBHOOK,
      intervalTime: 0,
      language: 'zh',
      groupIds: [],
      config: [],
    });

    const batch = await Promise.all(mine.map((c) => h.resource.read(c.id, c.outs)));
    expect(batch[0].props).toMatchObject({ name: 'renamed-in-the-console' });

    const alone = await h.resource.read(mine[0].id, mine[0].outs);
    expect(alone.props).toMatchObject({ name: 'renamed-in-the-console' });
  });

  it('fails every read of the batch with the listing error, and the next batch recovers', async () => {
    const mine = await createMine(3);
    h.emu.addFault({
      family: 'security-center',
      action: 'DescribeDingTalk',
      kind: 'error',
      status: 403,
      code: 'NoPermission',
      message: 'You are not authorized to do this action.',
      times: 1,
    });

    const failed = await Promise.allSettled(mine.map((c) => h.resource.read(c.id, c.outs)));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of failed) {
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/NoPermission/);
    }

    const reads = await Promise.all(mine.map((c) => h.resource.read(c.id, c.outs)));
    expect(reads.map((r) => r.id)).toEqual(mine.map((c) => c.id));
  });

  it('creates eight at once with fewer look-ups than creates, each exactly once', async () => {
    await seed('someone-else');
    const names = Array.from({ length: 8 }, (_, i) => `together-${i}`);
    const inputs = await Promise.all(
      names.map((name) => h.resource.checked({ name, webhookUrl: WEBHOOK, intervalTime: 60 })),
    );
    h.emu.clearRequests();

    const created = await Promise.all(inputs.map((i) => h.resource.create(i)));

    const live = await h.direct.securityCenter.describeDingTalk('cn-hangzhou', { pageSize: 100 });
    for (const [i, name] of names.entries()) {
      const ofName = live.items.filter((n) => n.ruleActionName === name);
      expect(ofName).toHaveLength(1);
      expect(created[i].id).toBe(String(ofName[0].id));
      expect(created[i].outs).toMatchObject({ name, notificationId: ofName[0].id });
    }
    expect(requestsOf(h.emu, 'CreateOrUpdateDingTalk')).toHaveLength(8);
    // One call per create would be 16: a name check before and an Id look-up after each.
    expect(requestsOf(h.emu, 'DescribeDingTalk').length).toBeLessThanOrEqual(8);
  });

  it('still refuses a taken name when its check shares a listing with others', async () => {
    await seed('taken');
    const inputs = await Promise.all(
      ['taken', 'free'].map((name) => h.resource.checked({ name, webhookUrl: WEBHOOK })),
    );
    h.emu.clearRequests();

    const [taken, free] = await Promise.allSettled(inputs.map((i) => h.resource.create(i)));

    expect(taken.status).toBe('rejected');
    expect(String((taken as PromiseRejectedResult).reason)).toMatch(
      /"taken" already exists; set adopt: true/,
    );
    expect(free.status).toBe('fulfilled');
    expect(describePages()[0]).toEqual({ page: 1, name: undefined });
    const live = await h.direct.securityCenter.describeDingTalk('cn-hangzhou', { pageSize: 100 });
    expect(live.items.map((n) => n.ruleActionName).sort()).toEqual(['free', 'taken']);
  });
});
