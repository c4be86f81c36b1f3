import { z } from 'zod';
import type { CredentialSelection } from '../../../provider/clients';
import type { ProviderSettings } from '../../../provider/config/settings';
import { ChatOpsError } from '../../../provider/errors';
import type { LifecycleContext } from '../../../provider/lifecycle/context';
import { defineLifecycle, type LifecycleDefinition } from '../../../provider/lifecycle/define';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

const schema = () =>
  z.object({
    name: z.string().min(2, 'must be at least 2 characters'),
    size: z.number().default(1),
  });
type Outputs = { name: string; size: number; remoteId: string };

/** A context that records the credential selections it hands out. */
function recordingContext(settings: ProviderSettings = {}) {
  const selections: CredentialSelection[] = [];
  const make = (): LifecycleContext => ({
    settings: () => settings,
    clients: () => {
      throw new Error('no clients in this test');
    },
    now: () => new Date(0),
    withCredentials: (next) => {
      selections.push(next);
      return make();
    },
  });
  const root = make();
  return { root, selections };
}

/** A definition whose CRUD records the context (its selection) it was called with. */
function definition(
  overrides: Partial<LifecycleDefinition<ReturnType<typeof schema>, Outputs>> = {},
) {
  const calls: Array<{ method: string; ctx: LifecycleContext }> = [];
  const def: LifecycleDefinition<ReturnType<typeof schema>, Outputs> = {
    schema,
    diffSpec: { fields: { name: { replace: true }, size: {} } },
    create: async (inputs, ctx) => {
      calls.push({ method: 'create', ctx });
      return { id: 'obj-1', outs: { ...inputs, remoteId: 'r-1' } };
    },
    read: async (id, _props, ctx) => {
      calls.push({ method: 'read', ctx });
      return {
        id,
        props: { name: 'live', size: 2, remoteId: 'r-1' },
        inputs: { name: 'live', size: 2 },
      };
    },
    update: async (_id, _olds, news, ctx) => {
      calls.push({ method: 'update', ctx });
      return { outs: { ...news, remoteId: 'r-1' } };
    },
    delete: async (_id, _props, ctx) => {
      calls.push({ method: 'delete', ctx });
    },
    ...overrides,
  };
  return { def, calls };
}

const APPS = JSON.stringify({
  ops: { clientId: 'ding-ops', clientSecret: 'ops-secret-value-123' },
  dev: { clientId: 'ding-dev', clientSecret: 'dev-secret-value-456' },
});

describe('defineLifecycle: check', () => {
  it('does not read the settings for a schema that does not use the region', async () => {
    const { def } = definition();
    const lifecycle = defineLifecycle(def);
    const ctx: LifecycleContext = {
      settings: () => {
        throw new Error('settings read');
      },
      clients: () => {
        throw new Error('no clients');
      },
      now: () => new Date(0),
    };
    await expect(lifecycle.check({}, { name: 'ok' }, ctx)).resolves.toEqual({
      inputs: { name: 'ok', size: 1 },
      failures: [],
    });
  });

  it('gives the schema the configured region as a default', async () => {
    const lifecycle = defineLifecycle({
      ...definition().def,
      schema: (defaults) =>
        z.object({
          name: z.string(),
          size: z.number().default(1),
          region: z.string().default(defaults.region ?? 'none'),
        }) as unknown as ReturnType<typeof schema>,
    });
    const { root } = recordingContext({ region: 'cn-beijing' });
    const { inputs } = await lifecycle.check({}, { name: 'ok' }, root);
    expect(inputs).toMatchObject({ region: 'cn-beijing' });
  });

  it('applies the resource normalisation after the fields passed', async () => {
    const lifecycle = defineLifecycle({
      ...definition().def,
      afterCheck: (inputs) => ({ ...inputs, size: Number(inputs.size) * 10 }),
    });
    const { inputs } = await lifecycle.check({}, { name: 'ok', size: 3 }, recordingContext().root);
    expect(inputs).toEqual({ name: 'ok', size: 30 });
  });

  it('accepts an app named in the stack config', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const outcome = await lifecycle.check(
      {},
      { name: 'ok', app: 'ops' },
      recordingContext({ dingtalkApps: APPS }).root,
    );
    expect(outcome).toEqual({ inputs: { name: 'ok', size: 1, app: 'ops' }, failures: [] });
  });

  it('refuses an app the stack config does not name, listing the ones it has', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const { failures } = await lifecycle.check(
      {},
      { name: 'ok', app: 'prod' },
      recordingContext({ dingtalkApps: APPS }).root,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('app');
    expect(failures[0].reason).toMatch(
      /^app: No DingTalk app named "prod": add it to the stack config chatops:dingtalkApps/,
    );
    expect(failures[0].reason).toContain('it has "ops", "dev"');
    expect(failures[0].reason).not.toContain('secret-value');
  });

  it('checks nothing about credential sets when the resource names none', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const ctx: LifecycleContext = {
      ...recordingContext().root,
      settings: () => {
        throw new Error('settings read');
      },
    };
    await expect(lifecycle.check({}, { name: 'ok' }, ctx)).resolves.toEqual({
      inputs: { name: 'ok', size: 1 },
      failures: [],
    });
  });

  it('accepts an account named in the stack config, looking among the accounts only', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'account' });
    const accounts = JSON.stringify({
      audit: { accessKey: 'LTAIaudit', secretKey: 'audit-secret-value-789' },
    });
    const settings = { alicloudAccounts: accounts, dingtalkApps: APPS };
    const named = (account: string) =>
      lifecycle.check({}, { name: 'ok', account }, recordingContext(settings).root);
    await expect(named('audit')).resolves.toMatchObject({ failures: [] });
    // An app's name is no account's name.
    expect((await named('ops')).failures.map((f) => f.property)).toEqual(['account']);
  });

  it('refuses an account the stack config does not name', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'account' });
    const { failures } = await lifecycle.check(
      {},
      { name: 'ok', account: 'audit' },
      recordingContext().root,
    );
    expect(failures).toEqual([
      {
        property: 'account',
        reason: expect.stringMatching(/^account: No Alibaba Cloud account named "audit"/),
      },
    ]);
  });

  it('reports a credential set config that cannot be read as a failure of the input', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const { failures } = await lifecycle.check(
      {},
      { name: 'ok', app: 'ops' },
      recordingContext({ dingtalkApps: '{not json' }).root,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('app');
    expect(failures[0].reason).toMatch(/^app: .*chatops:dingtalkApps/);
  });

  it('lets an error other than a configuration error through', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const ctx: LifecycleContext = {
      ...recordingContext().root,
      settings: () => {
        throw new ChatOpsError({ code: 'INTERNAL_ERROR', message: 'broken' });
      },
    };
    await expect(lifecycle.check({}, { name: 'ok', app: 'ops' }, ctx)).rejects.toMatchObject({
      code: 'INTERNAL_ERROR',
    });
  });

  it('checks the set name only once the other inputs passed, and lets an unknown name through', async () => {
    const lifecycle = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    const ctx = recordingContext({ dingtalkApps: APPS }).root;
    const bad = await lifecycle.check({}, { name: 'x', app: 'prod' }, ctx);
    expect(bad.failures.map((f) => f.property)).toEqual(['name']);
    const unknown = await lifecycle.check({}, { name: 'ok', app: UNKNOWN }, ctx);
    expect(unknown.failures).toEqual([]);
    const malformed = await lifecycle.check({}, { name: 'ok', app: 'no spaces allowed' }, ctx);
    expect(malformed.failures).toEqual([
      { property: 'app', reason: expect.stringContaining('1-64 letters, digits') },
    ]);
  });
});

describe('defineLifecycle: diff', () => {
  it('updates in place when the app changes, and replaces when the account changes', async () => {
    const ctx = recordingContext().root;
    const app = defineLifecycle({ ...definition().def, credentialSet: 'app' });
    await expect(
      app.diff('id', { name: 'a', size: 1, app: 'ops' }, { name: 'a', size: 1, app: 'dev' }, ctx),
    ).resolves.toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const account = defineLifecycle({ ...definition().def, credentialSet: 'account' });
    await expect(
      account.diff(
        'id',
        { name: 'a', size: 1, account: 'x' },
        { name: 'a', size: 1, account: 'y' },
        ctx,
      ),
    ).resolves.toEqual({ changes: true, replaces: ['account'], deleteBeforeReplace: false });
  });

  it('follows the diff spec of the resource, and its delete-before-replace rule', async () => {
    const lifecycle = defineLifecycle({
      ...definition().def,
      diffSpec: { fields: { name: { replace: true }, size: {} }, deleteBeforeReplace: () => true },
    });
    const ctx = recordingContext().root;
    await expect(
      lifecycle.diff('id', { name: 'a', size: 1 }, { name: 'b', size: 1 }, ctx),
    ).resolves.toEqual({ changes: true, replaces: ['name'], deleteBeforeReplace: true });
    await expect(
      lifecycle.diff('id', { name: 'a', size: 1 }, { name: 'a', size: 1 }, ctx),
    ).resolves.toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});

describe('defineLifecycle: create, read, update and delete with a named app', () => {
  it('calls with the named app and keeps its name in the outputs', async () => {
    const { def, calls } = definition();
    const lifecycle = defineLifecycle({ ...def, credentialSet: 'app' });
    const { root, selections } = recordingContext();

    const created = await lifecycle.create({ name: 'a', size: 1, app: 'ops' }, root);
    expect(created).toEqual({
      id: 'obj-1',
      outs: { name: 'a', size: 1, app: 'ops', remoteId: 'r-1' },
    });

    const read = await lifecycle.read('obj-1', created.outs, root);
    expect(read).toEqual({
      id: 'obj-1',
      props: { name: 'live', size: 2, remoteId: 'r-1', app: 'ops' },
      inputs: { name: 'live', size: 2, app: 'ops' },
    });

    const updated = await lifecycle.update(
      'obj-1',
      created.outs,
      { name: 'a', size: 5, app: 'dev' },
      root,
    );
    expect(updated).toEqual({ outs: { name: 'a', size: 5, app: 'dev', remoteId: 'r-1' } });

    await lifecycle.delete('obj-1', updated.outs, root);
    expect(selections).toEqual([{ app: 'ops' }, { app: 'ops' }, { app: 'dev' }, { app: 'dev' }]);
    expect(calls.map((c) => c.method)).toEqual(['create', 'read', 'update', 'delete']);
    expect(calls.every((c) => c.ctx !== root)).toBe(true);
  });

  it('calls with the stack default and adds no name when none is given', async () => {
    const { def, calls } = definition();
    const lifecycle = defineLifecycle({ ...def, credentialSet: 'app' });
    const { root, selections } = recordingContext();
    const created = await lifecycle.create({ name: 'a', size: 1 }, root);
    expect(created.outs).not.toHaveProperty('app');
    await lifecycle.delete('obj-1', created.outs, root);
    expect(selections).toEqual([]);
    expect(calls.every((c) => c.ctx === root)).toBe(true);
  });

  it('uses the context as it is when it cannot switch credentials', async () => {
    const { def, calls } = definition();
    const lifecycle = defineLifecycle({ ...def, credentialSet: 'app' });
    const { withCredentials: _ignored, ...single } = recordingContext().root;
    await lifecycle.create({ name: 'a', size: 1, app: 'ops' }, single);
    expect(calls[0].ctx).toBe(single);
  });

  it('ignores a set name on a resource that takes none', async () => {
    const { def } = definition();
    const lifecycle = defineLifecycle(def);
    const { root, selections } = recordingContext();
    const created = await lifecycle.create({ name: 'a', size: 1, app: 'ops' }, root);
    expect(created.outs).toEqual({ name: 'a', size: 1, app: 'ops', remoteId: 'r-1' });
    const read = await lifecycle.read('obj-1', { name: 'a', app: 'ops' }, root);
    expect(read.props).toEqual({ name: 'live', size: 2, remoteId: 'r-1' });
    expect(selections).toEqual([]);
  });
});

describe('defineLifecycle: the outputs each step is given', () => {
  it('passes read, update and delete the outputs in state, as the engine gives them', async () => {
    const seen: Array<[string, unknown]> = [];
    const { def } = definition();
    const lifecycle = defineLifecycle({
      ...def,
      read: async (id, props) => {
        seen.push(['read', props]);
        return { id, props: { name: 'a', size: 1, remoteId: 'r-7' } };
      },
      update: async (_id, olds, news) => {
        seen.push(['update', olds]);
        return { outs: { ...news, remoteId: olds.remoteId ?? 'lost' } };
      },
      delete: async (_id, props) => {
        seen.push(['delete', props]);
      },
    });
    const stored = { name: 'a', size: 1, remoteId: 'r-7' };
    const { root } = recordingContext();
    await lifecycle.read('obj-1', stored, root);
    const updated = await lifecycle.update('obj-1', stored, { name: 'a', size: 2 }, root);
    await lifecycle.delete('obj-1', updated.outs, root);
    expect(seen).toEqual([
      ['read', stored],
      ['update', stored],
      ['delete', { name: 'a', size: 2, remoteId: 'r-7' }],
    ]);
  });
});

describe('defineLifecycle: read', () => {
  it('reports a gone object as an empty answer', async () => {
    const lifecycle = defineLifecycle({
      ...definition().def,
      credentialSet: 'app',
      read: async () => ({}),
    });
    // Strictly: an answer holding `id: undefined` is not the empty answer the engine expects.
    await expect(
      lifecycle.read('obj-1', { app: 'ops' }, recordingContext().root),
    ).resolves.toStrictEqual({});
  });

  it('returns only what the resource read', async () => {
    const lifecycle = defineLifecycle({
      ...definition().def,
      credentialSet: 'app',
      read: async (id) => ({ id }),
    });
    await expect(lifecycle.read('obj-1', { app: 'ops' }, recordingContext().root)).resolves.toEqual(
      {
        id: 'obj-1',
      },
    );
  });
});
