import { AlreadyExists, ChatOpsError, PartialFailure } from '../../../../provider/errors';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { chatConfigurationLifecycle as lifecycle } from '../../../../provider/resources/chat-configuration/lifecycle';
import { TEST_ACCOUNT, testContext } from '../../../support/lifecycle-context';
import { IN_PLACE_CHANGE, NO_CHANGES } from '../diff-answers';
import { FakeOos } from './fake-oos';

const SECRET = 'client-secret-value-1';
const dingTalk = {
  name: 'ops-bot',
  clientId: 'ding-client',
  clientSecret: SECRET,
  templateId: 'a1b2.schema',
};

async function checked(news: Record<string, unknown>, region = 'cn-hangzhou') {
  const result = await lifecycle.check({}, news, testContext({ settings: { region } }));
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** An existing DingTalk configuration `ops-bot` in cn-hangzhou: by default, the declared one. */
function seedOpsBot(
  oos: FakeOos,
  createdDate: string,
  [clientId, clientSecret, templateId] = [dingTalk.clientId, SECRET, dingTalk.templateId],
) {
  oos.seed(
    {
      regionId: 'cn-hangzhou',
      name: 'ops-bot',
      type: 'DingTalk',
      configuration: {
        DingTalkClientId: clientId,
        DingTalkClientSecret: clientSecret,
        DingTalkTemplateId: templateId,
      },
    },
    createdDate,
  );
}

function setup() {
  const oos = new FakeOos();
  const ctx = testContext({ clients: { oos: oos.asClient() } });
  return { oos, ctx };
}

describe('ChatConfiguration check', () => {
  it('applies the defaults: DingTalk, the configured region, adopt false', async () => {
    expect(await checked(dingTalk)).toEqual({
      ...dingTalk,
      type: 'DingTalk',
      regionId: 'cn-hangzhou',
      adopt: false,
    });
  });

  it('asks for a region when neither input nor config has one', async () => {
    const { failures } = await lifecycle.check(
      {},
      dingTalk,
      testContext({ settings: { region: undefined } }),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('regionId');
    expect(failures[0].reason).toMatch(/alicloud:region/);
  });

  it('requires the DingTalk settings for DingTalk and the WeCom map for WeChat', async () => {
    const ctx = testContext();
    const missing = await lifecycle.check({}, { name: 'x', clientId: 'id' }, ctx);
    expect(missing.failures.map((f) => f.property).sort()).toEqual(['clientSecret', 'templateId']);
    const wechat = await lifecycle.check({}, { name: 'x', type: 'WeChat', clientId: 'id' }, ctx);
    expect(wechat.failures.map((f) => f.property).sort()).toEqual(['clientId', 'weComSettings']);
    const mixed = await lifecycle.check({}, { ...dingTalk, weComSettings: { k: 'v' } }, ctx);
    expect(mixed.failures.map((f) => f.property)).toEqual(['weComSettings']);
  });

  it('skips the type rules while the type is unknown', async () => {
    const { failures } = await lifecycle.check({}, { name: 'x', type: UNKNOWN }, testContext());
    expect(failures).toEqual([]);
  });

  it('rejects bad values with what is allowed', async () => {
    const ctx = testContext();
    const result = await lifecycle.check(
      {},
      {
        ...dingTalk,
        name: 'x'.repeat(201),
        type: 'Slack',
        resourceGroupId: 'group-1',
        regionId: 'Hangzhou',
      },
      ctx,
    );
    const reasons = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
    expect(reasons.name).toMatch(/1 to 200 printable characters/);
    expect(reasons.type).toMatch(/"DingTalk"\|"WeChat"/);
    expect(reasons.resourceGroupId).toMatch(/rg-/);
    expect(reasons.regionId).toMatch(/cn-hangzhou/);
    const empty = await lifecycle.check({}, { name: 'x', type: 'WeChat', weComSettings: {} }, ctx);
    expect(empty.failures.map((f) => f.reason)).toEqual([
      'weComSettings: must hold at least one setting',
    ]);
  });
});

describe('ChatConfiguration diff', () => {
  it('never reports a masked secret as drift', async () => {
    const news = await checked(dingTalk);
    const olds = { ...news, clientSecret: '******', webhookUrl: 'https://x', __provider: 'a' };
    expect(await lifecycle.diff('cn-hangzhou/ops-bot', olds, news, testContext())).toEqual(
      NO_CHANGES,
    );
  });

  it('sees a changed secret against the last applied value', async () => {
    const olds = await checked(dingTalk);
    const news = await checked({ ...dingTalk, clientSecret: 'rotated' });
    expect(await lifecycle.diff('id', olds, news, testContext())).toEqual(IN_PLACE_CHANGE);
  });

  it('replaces on name, region or type; a type change deletes first', async () => {
    const olds = await checked(dingTalk);
    const ctx = testContext();
    const diffTo = async (changed: Record<string, unknown>) =>
      lifecycle.diff('id', olds, await checked({ ...dingTalk, ...changed }), ctx);
    const rename = await diffTo({ name: 'n2' });
    expect(rename).toEqual({ changes: true, replaces: ['name'], deleteBeforeReplace: false });
    const region = await diffTo({ regionId: 'cn-beijing' });
    expect(region).toEqual({ changes: true, replaces: ['regionId'], deleteBeforeReplace: false });
    const wechat = await checked({ name: 'ops-bot', type: 'WeChat', weComSettings: { k: 'v' } });
    const type = await lifecycle.diff('id', olds, wechat, ctx);
    expect(type.replaces).toContain('type');
    expect(type.deleteBeforeReplace).toBe(true);
  });

  it('ignores adopt and a server-chosen resource group', async () => {
    const news = await checked({ ...dingTalk, adopt: true });
    const olds = { ...news, adopt: false, resourceGroupId: 'rg-default' };
    expect((await lifecycle.diff('id', olds, news, testContext())).changes).toBe(false);
  });

  it('treats an unknown as a change', async () => {
    const olds = await checked(dingTalk);
    const diff = await lifecycle.diff('id', olds, { ...olds, templateId: UNKNOWN }, testContext());
    expect(diff.changes).toBe(true);
  });
});

describe('ChatConfiguration create', () => {
  it('creates, then reads the webhook back: two calls', async () => {
    const { oos, ctx } = setup();
    const result = await lifecycle.create(await checked(dingTalk), ctx);
    expect(oos.calls).toEqual(['create', 'get']);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(result.outs).toMatchObject({
      ...dingTalk,
      type: 'DingTalk',
      regionId: 'cn-hangzhou',
      webhookUrl: 'https://1.appflow.aliyunnest.com/webhook/ops-bot',
      clientSecret: SECRET,
      adopt: false,
    });
    expect(result.outs.createdDate).toEqual(expect.any(String));
  });

  it('fails with "already exists" for a configuration it did not create', async () => {
    const { oos, ctx } = setup();
    const inputs = await checked(dingTalk);
    seedOpsBot(oos, new Date().toISOString(), ['someone-else', 'x', 't']);
    await expect(lifecycle.create(inputs, ctx)).rejects.toThrow(AlreadyExists);
    await expect(lifecycle.create(inputs, ctx)).rejects.toThrow(/set adopt: true/);
  });

  it('fails with "already exists" for an identical but old configuration', async () => {
    const { oos, ctx } = setup();
    const inputs = await checked(dingTalk);
    seedOpsBot(oos, '2020-01-01T00:00:00Z');
    await expect(lifecycle.create(inputs, ctx)).rejects.toThrow(AlreadyExists);
  });

  it('adopts an existing configuration and applies its settings', async () => {
    const { oos, ctx } = setup();
    seedOpsBot(oos, '2020-01-01T00:00:00Z', ['old', 'old', 'old']);
    const result = await lifecycle.create(await checked({ ...dingTalk, adopt: true }), ctx);
    expect(oos.calls).toEqual(['create', 'get', 'update']);
    expect(result.outs).toMatchObject({
      ...dingTalk,
      adopt: true,
      createdDate: '2020-01-01T00:00:00Z',
    });
    expect(result.outs.webhookUrl).toMatch(/^https:/);
    expect(oos.items.get('cn-hangzhou/ops-bot')?.configuration.DingTalkClientId).toBe(
      'ding-client',
    );
  });

  it('recognises its own create whose answer was lost (retry said "already exists")', async () => {
    const { oos, ctx } = setup();
    const inputs = await checked(dingTalk);
    seedOpsBot(oos, new Date(Date.now() - 1000).toISOString());
    const result = await lifecycle.create(inputs, ctx);
    expect(oos.calls).toEqual(['create', 'get']);
    expect(result.outs.clientSecret).toBe(SECRET);
  });

  it('recognises a create that committed although the connection broke', async () => {
    const { oos, ctx } = setup();
    oos.dropNextCreateAnswer = true;
    const result = await lifecycle.create(await checked(dingTalk), ctx);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(oos.items.size).toBe(1);
  });

  it('creates again when a broken connection left nothing behind', async () => {
    const { oos, ctx } = setup();
    oos.failNext('create', new ChatOpsError({ code: 'TIMEOUT', message: 'timed out' }));
    const result = await lifecycle.create(await checked(dingTalk), ctx);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(oos.calls).toEqual(['create', 'get', 'create', 'get']);
    expect(oos.items.size).toBe(1);
  });

  it('recognises its own first create when it commits late and the second finds it', async () => {
    const { oos, ctx } = setup();
    oos.failNext('create', new ChatOpsError({ code: 'TIMEOUT', message: 'timed out' }));
    // The late commit of the first attempt lands before the second one arrives.
    const spec = {
      regionId: 'cn-hangzhou',
      name: 'ops-bot',
      type: 'DingTalk' as const,
      configuration: {
        DingTalkClientId: 'ding-client',
        DingTalkClientSecret: SECRET,
        DingTalkTemplateId: 'a1b2.schema',
      },
    };
    const get = oos.getChatConfiguration.bind(oos);
    oos.getChatConfiguration = async (key) => {
      const answer = await get(key);
      if (oos.items.size === 0) oos.seed(spec, new Date().toISOString());
      return answer;
    };
    const result = await lifecycle.create(await checked(dingTalk), ctx);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(oos.calls).toEqual(['create', 'get', 'create', 'get']);
    expect(oos.items.size).toBe(1);
  });

  it('gives up after maxAttempts rounds that each left nothing behind', async () => {
    const oos = new FakeOos();
    const ctx = testContext({ clients: { oos: oos.asClient() }, settings: { maxAttempts: 2 } });
    oos.failNext('create', new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'reset 1' }));
    oos.failNext('create', new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'reset 2' }));
    await expect(lifecycle.create(await checked(dingTalk), ctx)).rejects.toThrow('reset 2');
    expect(oos.calls).toEqual(['create', 'get', 'create', 'get']);
    expect(oos.items.size).toBe(0);
  });

  it('passes on a plain error without looking', async () => {
    const { oos, ctx } = setup();
    oos.failNext('create', new ChatOpsError({ code: 'INVALID_INPUT', message: 'bad template' }));
    await expect(lifecycle.create(await checked(dingTalk), ctx)).rejects.toThrow('bad template');
    expect(oos.calls).toEqual(['create']);
  });

  it('keeps a created configuration in state when the read-back fails', async () => {
    const { oos, ctx } = setup();
    oos.failNext('get', new ChatOpsError({ code: 'THROTTLED', message: 'slow down' }));
    let caught: unknown;
    try {
      await lifecycle.create(await checked(dingTalk), ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PartialFailure);
    const failure = caught as PartialFailure;
    expect(failure.id).toBe('cn-hangzhou/ops-bot');
    expect(failure.properties).toMatchObject({
      name: 'ops-bot',
      clientId: 'ding-client',
      // The account is recorded even though the create did not finish.
      accountId: TEST_ACCOUNT,
    });
    expect(JSON.stringify(failure.properties) + failure.message).not.toContain(SECRET);
  });
});

describe('ChatConfiguration read', () => {
  it('returns live values and inputs, keeping the last applied secret for the mask', async () => {
    const { oos, ctx } = setup();
    const created = await lifecycle.create(await checked(dingTalk), ctx);
    oos.calls.length = 0;
    const read = await lifecycle.read(created.id, created.outs, ctx);
    // The fake's stamps carry milliseconds, which a listing cannot vouch for: list, then Get.
    expect(oos.calls).toEqual(['list', 'get']);
    expect(read.id).toBe(created.id);
    expect(read.props?.clientSecret).toBe(SECRET);
    expect(read.inputs).toEqual({
      ...dingTalk,
      type: 'DingTalk',
      regionId: 'cn-hangzhou',
      resourceGroupId: 'rg-default',
      adopt: false,
    });
    expect(read.props?.webhookUrl).toBe(created.outs.webhookUrl);
  });

  it('reports drift of a readable field', async () => {
    const { oos, ctx } = setup();
    const created = await lifecycle.create(await checked(dingTalk), ctx);
    oos.items.get('cn-hangzhou/ops-bot')!.configuration.DingTalkClientId = 'changed-in-console';
    const read = await lifecycle.read(created.id, created.outs, ctx);
    const diff = await lifecycle.diff(created.id, read.props!, await checked(dingTalk), ctx);
    expect(diff.changes).toBe(true);
  });

  it('merges a WeCom map: masked keys keep the last applied value', async () => {
    const { ctx } = setup();
    const wecom = await checked({
      name: 'wecom',
      type: 'WeChat',
      weComSettings: { CorpId: 'corp', CorpSecret: 'corp-secret', AgentId: '1' },
    });
    const created = await lifecycle.create(wecom, ctx);
    expect(created.outs.aesKey).toBe('aes-key-1');
    const read = await lifecycle.read(created.id, created.outs, ctx);
    expect(read.props?.weComSettings).toEqual({
      CorpId: 'corp',
      CorpSecret: 'corp-secret',
      AgentId: '1',
    });
  });

  it('returns no id for a configuration that is gone: the Get says so and a listing lacks it', async () => {
    const { oos, ctx } = setup();
    const state = { regionId: 'cn-hangzhou', name: 'none', accountId: TEST_ACCOUNT };
    expect(await lifecycle.read('cn-hangzhou/none', state, ctx)).toEqual({});
    expect(oos.calls).toEqual(['list', 'get', 'list']);
  });

  it('keeps a configuration that the Get calls gone but state records no account for', async () => {
    const { ctx } = setup();
    const state = { regionId: 'cn-hangzhou', name: 'none' };
    await expect(lifecycle.read('cn-hangzhou/none', state, ctx)).rejects.toMatchObject({
      code: 'GONE_UNPROVEN',
      remoteCode: 'EntityNotExists.ChatConfiguration',
    });
  });

  it('falls back to the id when state lacks the key fields', async () => {
    const { oos, ctx } = setup();
    await lifecycle.create(await checked(dingTalk), ctx);
    oos.calls.length = 0;
    const read = await lifecycle.read('cn-hangzhou/ops-bot', {}, ctx);
    expect(read.id).toBe('cn-hangzhou/ops-bot');
  });
});

describe('ChatConfiguration update and delete', () => {
  it('updates with one call and keeps the computed outputs', async () => {
    const { oos, ctx } = setup();
    const created = await lifecycle.create(await checked({ ...dingTalk, ramRole: 'OOSRole' }), ctx);
    oos.calls.length = 0;
    const news = await checked({ ...dingTalk, ramRole: 'OOSRole', clientSecret: 'rotated' });
    const updated = await lifecycle.update(created.id, created.outs, news, ctx);
    expect(oos.calls).toEqual(['update']);
    expect(updated.outs).toMatchObject({
      clientSecret: 'rotated',
      webhookUrl: created.outs.webhookUrl,
      accountId: TEST_ACCOUNT,
    });
  });

  it('refuses at check to remove a role, since no source documents how to clear one', async () => {
    const olds = await checked({ ...dingTalk, ramRole: 'OOSRole' });
    const { failures } = await lifecycle.check(olds, { ...dingTalk }, testContext());
    expect(failures).toEqual([
      {
        property: 'ramRole',
        reason: expect.stringMatching(/^ramRole: cannot be removed .*OOSRole.*--replace/),
      },
    ]);
    // A replacement creates the new configuration without a role: nothing to clear.
    const renamed = await lifecycle.check(olds, { ...dingTalk, name: 'other' }, testContext());
    expect(renamed.failures).toEqual([]);
  });

  it('deletes with one call, and succeeds when a complete listing proves it gone', async () => {
    const { oos, ctx } = setup();
    const created = await lifecycle.create(await checked(dingTalk), ctx);
    oos.calls.length = 0;
    await lifecycle.delete(created.id, created.outs, ctx);
    await lifecycle.delete(created.id, created.outs, ctx);
    expect(oos.calls).toEqual(['delete', 'delete', 'list']);
    expect(oos.items.size).toBe(0);
  });

  it('fails a delete whose object another account holds, before any call', async () => {
    const { oos, ctx } = setup();
    const created = await lifecycle.create(await checked(dingTalk), ctx);
    oos.calls.length = 0;
    const state = { ...created.outs, accountId: '9999999999999999' };
    await expect(lifecycle.delete(created.id, state, ctx)).rejects.toMatchObject({
      code: 'WRONG_ACCOUNT',
      message: expect.stringContaining('9999999999999999'),
    });
    expect(oos.calls).toEqual([]);
  });
});
