import type { NotFoundAnswer } from '../../../emulator';
import { requestsOf, useAlicloudResource } from './alicloud-harness';

/**
 * "Gone" needs proof: whatever spelling OOS or Security Center uses to say an object does not
 * exist, the resource believes it only when a complete listing of the same account and region
 * lacks the object too. The emulator answers each spelling (its wire variants), and the same
 * answers while the object still exists, or while the listing fails, must keep state.
 */

const SPELLINGS: { status: number; code: string }[] = [
  { status: 404, code: 'EntityNotExists.ChatConfiguration' },
  { status: 404, code: 'ChatConfigurationNotFound' },
  { status: 400, code: 'DataNotExist' },
  { status: 400, code: 'InvalidId' },
  { status: 400, code: 'EntityNotExist.Resource' },
];

const NOTIFICATION_SPELLINGS: { status: number; code: string }[] = [
  { status: 400, code: 'DingTalkNotExist' },
  { status: 400, code: 'DataNotExists' },
  { status: 400, code: 'InvalidId' },
  { status: 404, code: 'NotificationNotFound' },
];

const spelled = ({ status, code }: { status: number; code: string }) => `${status} ${code}`;

describe('ChatConfiguration: every not-found spelling, proven by the listing', () => {
  const h = useAlicloudResource('ChatConfiguration');
  afterEach(() => h.emu.setWireVariants({}));

  const create = async (name: string) =>
    h.resource.create(
      await h.resource.checked({
        name,
        clientId: 'ding-app',
        clientSecret: 'proof-matrix-secret',
        templateId: 't.schema',
      }),
    );
  const deleteInConsole = (name: string) =>
    h.direct.oos.deleteChatConfiguration({ regionId: 'cn-hangzhou', name });
  const answerMissingWith = (answer: NotFoundAnswer) =>
    h.emu.setWireVariants({
      notFound: {
        GetChatConfiguration: answer,
        UpdateChatConfiguration: answer,
        DeleteChatConfiguration: answer,
      },
    });

  it.each(SPELLINGS.map((s) => [spelled(s), s] as const))(
    '%s after a console deletion: refresh drops it, destroy succeeds, update says refresh',
    async (_label, spelling) => {
      const created = await create('deleted');
      await deleteInConsole('deleted');
      answerMissingWith(spelling);
      h.emu.clearRequests();

      expect(await h.resource.read(created.id, created.outs)).toEqual({});
      await expect(h.resource.delete(created.id, created.outs)).resolves.toBeUndefined();
      const news = { ...created.outs, templateId: 'other.schema' };
      await expect(h.resource.update(created.id, created.outs, news)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('pulumi refresh'),
      });
      // Nothing was created again.
      expect(h.emu.state().oos.chatConfigurations).toEqual([]);
    },
  );

  it('a Get answered with no configuration at all, after a console deletion, drops it too', async () => {
    const created = await create('empty-get');
    await deleteInConsole('empty-get');
    h.emu.setWireVariants({ getChatConfigurationEmptyWhenMissing: true });
    expect(await h.resource.read(created.id, created.outs)).toEqual({});
  });

  it.each(SPELLINGS.map((s) => [spelled(s), s] as const))(
    '%s while the listing still shows it: read, update and delete fail, nothing changes',
    async (_label, { status, code }) => {
      const created = await create('still-there');
      // State from before a console edit: the listing's stamp differs, so the refresh asks a
      // Get and does not stop at the listing.
      const state = { ...created.outs, updatedDate: '2020-01-01T00:00:00+00:00' };
      for (const action of [
        'GetChatConfiguration',
        'UpdateChatConfiguration',
        'DeleteChatConfiguration',
      ]) {
        h.emu.addFault({ family: 'oos', action, kind: 'error', status, code });
      }
      const unproven = { code: 'GONE_UNPROVEN', remoteCode: code };
      await expect(h.resource.read(created.id, state)).rejects.toMatchObject(unproven);
      await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject(unproven);
      await expect(
        h.resource.update(created.id, created.outs, { ...created.outs, templateId: 'x.schema' }),
      ).rejects.toMatchObject(unproven);
      expect(h.emu.state().oos.chatConfigurations.map((c) => c.name)).toEqual(['still-there']);
    },
  );

  it('a not-found answer while the listing fails keeps state, naming both request ids', async () => {
    const created = await create('unlisted');
    await deleteInConsole('unlisted');
    h.emu.addFault({
      family: 'oos',
      action: 'ListChatConfigurations',
      kind: 'error',
      status: 403,
      code: 'Forbidden.RAM',
    });
    const error = await h.resource.read(created.id, created.outs).catch((e: Error) => e);
    expect(error).toMatchObject({
      code: 'GONE_UNPROVEN',
      remoteCode: 'EntityNotExists.ChatConfiguration',
    });
    expect((error as Error).message).toMatch(/Forbidden\.RAM.*RequestId/);
    await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
    });
  });

  it('a listing page as full as asked, without a NextToken, proves nothing', async () => {
    const created = await create('truncated');
    await deleteInConsole('truncated');
    for (let i = 0; i < 101; i++) {
      await h.direct.oos.createChatConfiguration({
        regionId: 'cn-hangzhou',
        name: `filler-${i}`,
        type: 'DingTalk',
        configuration: {
          DingTalkClientId: 'x',
          DingTalkClientSecret: 'y',
          DingTalkTemplateId: 't',
        },
      });
    }
    // 100 a page, as asked, and no token: there may be more (there is one).
    h.emu.setWireVariants({ listChatConfigurationsPage: { cap: 100, nextToken: false } });
    await expect(h.resource.read(created.id, created.outs)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
      message: expect.stringContaining('may be incomplete'),
    });
    // With the token the service would send, the walk completes and proves it gone.
    h.emu.setWireVariants({ listChatConfigurationsPage: { cap: 100, nextToken: true } });
    expect(await h.resource.read(created.id, created.outs)).toEqual({});
  });

  it.each([
    ['NoPermission', 403],
    ['Forbidden.RAM', 403],
    ['InvalidApi.NotFound', 404],
    ['ServiceUnavailable', 503],
  ])('%s beside an empty listing keeps state: no claim, no proof asked', async (code, status) => {
    const created = await create('denied');
    await deleteInConsole('denied');
    h.emu.addFault({ family: 'oos', action: 'GetChatConfiguration', kind: 'error', status, code });
    h.emu.addFault({
      family: 'oos',
      action: 'DeleteChatConfiguration',
      kind: 'error',
      status,
      code,
    });
    const read = await h.resource.read(created.id, created.outs).catch((e: unknown) => e);
    expect(read).toMatchObject({ remoteCode: code });
    expect(read).not.toMatchObject({ code: 'GONE_UNPROVEN' });
    await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject({
      remoteCode: code,
    });
  });
});

describe('SecurityCenterDingTalkNotification: every not-found spelling, proven by the listing', () => {
  const h = useAlicloudResource('SecurityCenterDingTalkNotification');
  afterEach(() => h.emu.setWireVariants({}));

  const create = async (name: string) =>
    h.resource.create(
      await h.resource.checked({
        name,
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=proof-matrix-token',
      }),
    );
  const deleteInConsole = (id: string) =>
    h.direct.securityCenter.deleteDingTalk('cn-hangzhou', [Number(id)]);

  it.each(NOTIFICATION_SPELLINGS.map((s) => [spelled(s), s] as const))(
    '%s after a console deletion: refresh drops it, destroy succeeds, a status change says refresh',
    async (_label, spelling) => {
      const created = await create('deleted');
      await deleteInConsole(created.id);
      h.emu.setWireVariants({
        notFound: {
          DeleteDingTalk: spelling,
          ModifyDingTalkStatus: spelling,
          CreateOrUpdateDingTalk: spelling,
        },
      });
      expect(await h.resource.read(created.id, created.outs)).toEqual({});
      await expect(h.resource.delete(created.id, created.outs)).resolves.toBeUndefined();
      await expect(
        h.resource.update(created.id, created.outs, { ...created.outs, enabled: false }),
      ).rejects.toMatchObject({ message: expect.stringContaining('pulumi refresh') });
      await expect(
        h.resource.update(created.id, created.outs, { ...created.outs, intervalTime: 60 }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(h.emu.state().securityCenter.notifications).toEqual([]);
    },
  );

  it.each(NOTIFICATION_SPELLINGS.map((s) => [spelled(s), s] as const))(
    '%s while the listing still shows it: delete fails and the notification stays',
    async (_label, { status, code }) => {
      const created = await create('still-there');
      h.emu.addFault({
        family: 'security-center',
        action: 'DeleteDingTalk',
        kind: 'error',
        status,
        code,
      });
      await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject({
        code: 'GONE_UNPROVEN',
        remoteCode: code,
      });
      expect(h.emu.state().securityCenter.notifications).toHaveLength(1);
    },
  );

  it('a console deletion while the listing fails keeps state on refresh and destroy', async () => {
    const created = await create('unlisted');
    await deleteInConsole(created.id);
    h.emu.setWireVariants({
      notFound: { DeleteDingTalk: { status: 400, code: 'DingTalkNotExist' } },
    });
    h.emu.addFault({
      family: 'security-center',
      action: 'DescribeDingTalk',
      kind: 'error',
      status: 403,
      code: 'NoPermission',
    });
    await expect(h.resource.read(created.id, created.outs)).rejects.toMatchObject({
      remoteCode: 'NoPermission',
    });
    await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
    });
  });

  it('a listing without TotalCount proves nothing: a console deletion keeps state', async () => {
    const created = await create('uncounted');
    await deleteInConsole(created.id);
    h.emu.setWireVariants({ describeDingTalkOmitTotalCount: true });
    await expect(h.resource.read(created.id, created.outs)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
      message: expect.stringContaining('may be incomplete'),
    });
  });

  it.each([
    ['NoPermission', 403],
    ['InvalidApi.NotFound', 404],
  ])('%s from a delete beside an empty listing keeps state', async (code, status) => {
    const created = await create('denied');
    await deleteInConsole(created.id);
    h.emu.addFault({
      family: 'security-center',
      action: 'DeleteDingTalk',
      kind: 'error',
      status,
      code,
    });
    h.emu.clearRequests();
    await expect(h.resource.delete(created.id, created.outs)).rejects.toMatchObject({
      remoteCode: code,
    });
    // No claim, so no listing is even asked.
    expect(requestsOf(h.emu, 'DescribeDingTalk')).toEqual([]);
  });
});
