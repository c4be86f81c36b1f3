import { totalRequests, useAlicloudResource } from './alicloud-harness';

const TYPE = 'ChatConfiguration';
const SECRET = 'OOS-CLIENT-SECRET-9f8e7d6c5b4a3f2e1d0c9b8a';

interface Stored {
  regionId: string;
  name: string;
  type: string;
  configuration: Record<string, string>;
  ramRole?: string;
}

describe('ChatConfiguration against the emulator', () => {
  const h = useAlicloudResource(TYPE);

  const stored = () =>
    (h.emu.state() as unknown as { oos: { chatConfigurations: Stored[] } }).oos.chatConfigurations;
  const desired = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    clientId: 'ding-app-key',
    clientSecret: SECRET,
    templateId: '5d9c2b1a-0000-4000-8000-000000000001.schema',
    ...extra,
  });

  it('check and diff make no call; create = Create + Get; read = 1 (List); delete = 1', async () => {
    const inputs = await h.resource.checked(desired('calls'));
    await h.resource.diff('cn-hangzhou/calls', { ...inputs }, { ...inputs, clientId: 'other' });
    expect(totalRequests(h.emu)).toBe(0);

    const created = await h.resource.create(inputs);
    // The caller identity is asked once per key and run: the account goes into state.
    expect(h.emu.requests().counts).toEqual({
      'sts:GetCallerIdentity': 1,
      'oos:CreateChatConfiguration': 1,
      'oos:GetChatConfiguration': 1,
    });
    expect(created.outs.accountId).toBe('1234567890123456');
    expect(created.id).toBe('cn-hangzhou/calls');
    expect(created.outs.webhookUrl).toMatch(/^https:\/\/\d+\.appflow\.aliyunnest\.com\/webhook\//);
    expect(created.outs.createdDate).toEqual(expect.any(String));

    h.emu.clearRequests();
    const read = await h.resource.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    // The listing carries the stamp of the provider's own write: nothing moved, no Get.
    expect(h.emu.requests().counts).toEqual({ 'oos:ListChatConfigurations': 1 });

    h.emu.clearRequests();
    await h.resource.delete(created.id, created.outs);
    expect(h.emu.requests().counts).toEqual({ 'oos:DeleteChatConfiguration': 1 });
    expect(stored()).toEqual([]);
  });

  it('never reports the masked secret as drift after a refresh', async () => {
    const inputs = await h.resource.checked(desired('masked'));
    const created = await h.resource.create(inputs);
    // The service really masks it:
    const live = await h.direct.oos.getChatConfiguration({
      regionId: 'cn-hangzhou',
      name: 'masked',
    });
    expect(live?.configuration.DingTalkClientSecret).toBe('******');

    const read = await h.resource.read(created.id, created.outs);
    expect(read.props?.clientSecret).toBe(SECRET);
    expect(read.inputs?.clientSecret).toBe(SECRET);
    // Refresh compares refreshed outputs with the stored inputs; preview with the program's.
    expect((await h.resource.diff(created.id, read.props!, read.inputs!)).changes).toBe(false);
    expect((await h.resource.diff(created.id, read.props!, inputs)).changes).toBe(false);
    // A rotated secret in the program is still an update.
    const rotated = await h.resource.checked(desired('masked', { clientSecret: 'rotated-secret' }));
    expect(await h.resource.diff(created.id, read.props!, rotated)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it('sees drift of a readable setting made outside the program', async () => {
    const inputs = await h.resource.checked(desired('drift'));
    const created = await h.resource.create(inputs);
    // OOS stamps writes to the second: the console edit comes a second after the create.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await h.direct.oos.updateChatConfiguration({
      regionId: 'cn-hangzhou',
      name: 'drift',
      type: 'DingTalk',
      configuration: {
        DingTalkClientId: 'changed-in-console',
        DingTalkClientSecret: SECRET,
        DingTalkTemplateId: String(inputs.templateId),
      },
    });
    const read = await h.resource.read(created.id, created.outs);
    expect(read.inputs?.clientId).toBe('changed-in-console');
    expect((await h.resource.diff(created.id, read.props!, inputs)).changes).toBe(true);
  });

  it('updates in one call and converges', async () => {
    const created = await h.resource.create(
      await h.resource.checked(desired('upd', { ramRole: 'OOSServiceRole' })),
    );
    h.emu.clearRequests();
    const news = await h.resource.checked(
      desired('upd', { ramRole: 'OOSServiceRole', clientSecret: 'rotated-secret' }),
    );
    const diff = await h.resource.diff(created.id, created.outs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updated = await h.resource.update(created.id, created.outs, news);
    expect(h.emu.requests().counts).toEqual({ 'oos:UpdateChatConfiguration': 1 });
    expect(updated.outs.webhookUrl).toBe(created.outs.webhookUrl);
    const record = stored().find((c) => c.name === 'upd')!;
    expect(record.configuration.DingTalkClientSecret).toBe('rotated-secret');
    expect(record.ramRole).toBe('OOSServiceRole');
    const read = await h.resource.read(created.id, updated.outs);
    expect((await h.resource.diff(created.id, read.props!, news)).changes).toBe(false);
  });

  it('applies a changed RAM role when nothing else changed', async () => {
    const created = await h.resource.create(
      await h.resource.checked(desired('role', { ramRole: 'OOSServiceRole' })),
    );
    const news = await h.resource.checked(desired('role', { ramRole: 'OOSOpsRole' }));

    const diff = await h.resource.diff(created.id, created.outs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updated = await h.resource.update(created.id, created.outs, news);

    expect(stored().find((c) => c.name === 'role')?.ramRole).toBe('OOSOpsRole');
    const read = await h.resource.read(created.id, updated.outs);
    expect(read.props?.ramRole).toBe('OOSOpsRole');
    expect((await h.resource.diff(created.id, read.props!, news)).changes).toBe(false);
  });

  it('applies a setting added to the WeCom settings', async () => {
    const weCom = (settings: Record<string, string>) =>
      h.resource.checked({ name: 'wecom', type: 'WeChat', weComSettings: settings });
    const created = await h.resource.create(
      await weCom({ CorpId: 'wwcorp0001', CorpSecret: SECRET }),
    );
    const news = await weCom({ CorpId: 'wwcorp0001', CorpSecret: SECRET, AgentId: '1000002' });

    const diff = await h.resource.diff(created.id, created.outs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await h.resource.update(created.id, created.outs, news);

    expect(stored().find((c) => c.name === 'wecom')?.configuration).toEqual({
      CorpId: 'wwcorp0001',
      CorpSecret: SECRET,
      AgentId: '1000002',
    });
  });

  it('fails with "already exists" without adopt, and adopts with it', async () => {
    await h.direct.oos.createChatConfiguration({
      regionId: 'cn-hangzhou',
      name: 'taken',
      type: 'DingTalk',
      configuration: {
        DingTalkClientId: 'someone-else',
        DingTalkClientSecret: 'their-secret',
        DingTalkTemplateId: 'their.schema',
      },
    });
    const plain = await h.resource.checked(desired('taken'));
    let error: Error | undefined;
    try {
      await h.resource.create(plain);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/cn-hangzhou\/taken already exists; set adopt: true/);
    expect(error?.message).not.toContain(SECRET);
    expect(stored().find((c) => c.name === 'taken')?.configuration.DingTalkClientId).toBe(
      'someone-else',
    );

    const adopted = await h.resource.create(
      await h.resource.checked(desired('taken', { adopt: true })),
    );
    expect(adopted.id).toBe('cn-hangzhou/taken');
    expect(adopted.outs).toMatchObject({
      adopt: true,
      clientId: 'ding-app-key',
      clientSecret: SECRET,
    });
    expect(adopted.outs.webhookUrl).toMatch(/^https:/);
    expect(stored().find((c) => c.name === 'taken')?.configuration).toMatchObject({
      DingTalkClientId: 'ding-app-key',
      DingTalkClientSecret: SECRET,
    });
  });

  it('does not duplicate a create whose response was lost', async () => {
    h.emu.addFault({
      family: 'oos',
      action: 'CreateChatConfiguration',
      kind: 'commit-then-drop',
      times: 1,
    });
    const created = await h.resource.create(await h.resource.checked(desired('lost')));
    expect(created.id).toBe('cn-hangzhou/lost');
    expect(created.outs.webhookUrl).toMatch(/^https:/);
    expect(stored().filter((c) => c.name === 'lost')).toHaveLength(1);
    const creates = h.emu.requests().requests.filter((r) => r.action === 'CreateChatConfiguration');
    expect(creates[0].fault).toBe('commit-then-drop');
  });

  it('keeps a created configuration in state when the read-back fails (partial failure)', async () => {
    h.emu.addFault({
      family: 'oos',
      action: 'GetChatConfiguration',
      kind: 'error',
      status: 403,
      code: 'Forbidden.RAM',
      message: 'not allowed to get',
      times: 1,
    });
    const inputs = {
      ...(await h.resource.checked(desired('partial'))),
      __provider: 'provider text',
    };
    let error: (Error & { id?: string; properties?: Record<string, unknown> }) | undefined;
    try {
      await h.resource.create(inputs);
    } catch (e) {
      error = e as typeof error;
    }
    // What the runner turns into a partial failure: an id and the known properties.
    expect(error?.id).toBe('cn-hangzhou/partial');
    expect(error?.properties).toMatchObject({
      name: 'partial',
      clientId: 'ding-app-key',
      __provider: 'provider text',
    });
    expect(error?.properties).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(error?.properties) + String(error?.message)).not.toContain(SECRET);
    expect(stored().filter((c) => c.name === 'partial')).toHaveLength(1);
    // The next update converges: the missing secret shows as a change and is applied.
    const diff = await h.resource.diff(error!.id!, error!.properties!, inputs);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it('deletes an object that is already gone, and reads it as gone', async () => {
    const created = await h.resource.create(await h.resource.checked(desired('gone')));
    await h.direct.oos.deleteChatConfiguration({ regionId: 'cn-hangzhou', name: 'gone' });
    h.emu.clearRequests();
    expect(await h.resource.read(created.id, created.outs)).toEqual({});
    await expect(h.resource.delete(created.id, created.outs)).resolves.toBeUndefined();
    // The shared listing lacks it, so it gets a Get; the Get's "does not exist" is believed
    // once a listing of its own lacks it too, and so is the Delete's.
    expect(h.emu.requests().counts).toEqual({
      'oos:ListChatConfigurations': 3,
      'oos:GetChatConfiguration': 1,
      'oos:DeleteChatConfiguration': 1,
    });
  });

  it('replaces on rename: the new one is created, then the old one deleted', async () => {
    const old = await h.resource.create(await h.resource.checked(desired('before')));
    const news = await h.resource.checked(desired('after'));
    const diff = await h.resource.diff(old.id, old.outs, news);
    expect(diff).toEqual({ changes: true, replaces: ['name'], deleteBeforeReplace: false });
    // The engine's replace: create the replacement first, then delete the old object.
    const replacement = await h.resource.create(news);
    await h.resource.delete(old.id, old.outs);
    expect(replacement.id).toBe('cn-hangzhou/after');
    expect(stored().map((c) => c.name)).toEqual(['after']);
  });

  it('replaces a type change by deleting first, since the name stays', async () => {
    const old = await h.resource.create(await h.resource.checked(desired('switch')));
    const news = await h.resource.checked({
      name: 'switch',
      type: 'WeChat',
      weComSettings: { CorpId: 'ww123', AgentSecret: 'agent-secret-value', AgentId: '1000002' },
    });
    const diff = await h.resource.diff(old.id, old.outs, news);
    expect(diff.replaces).toEqual(['type']);
    expect(diff.deleteBeforeReplace).toBe(true);
    await h.resource.delete(old.id, old.outs);
    const created = await h.resource.create(news);
    expect(created.outs).toMatchObject({ type: 'WeChat', aesKey: expect.any(String) });
    const read = await h.resource.read(created.id, created.outs);
    expect(read.props?.weComSettings).toEqual(news.weComSettings);
    expect((await h.resource.diff(created.id, read.props!, news)).changes).toBe(false);
  });
});
