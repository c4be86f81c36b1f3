import { closeSharedClients } from '../../../provider/lifecycle/context';
import { resetConfiguredSettings } from '../../../provider/lifecycle/settings-store';
import { providerFor, createStubProvider } from '../../../provider/program/stub-provider';
import { configure, dispatch } from '../../../provider/runtime';

const config = (values: Record<string, string>) => ({
  get: (key: string): string | undefined => values[key],
  require: (key: string): string => values[key],
});

afterEach(async () => {
  resetConfiguredSettings();
  await closeSharedClients();
});

describe('provider runtime', () => {
  it('refuses a resource type it does not know, naming it', async () => {
    await expect(dispatch('NoSuchThing', 'check', [{}, {}])).rejects.toThrow(/"NoSuchThing"/);
  });

  it('refuses a method that is not a provider method', async () => {
    await expect(dispatch('ChatConfiguration', 'constructor', [])).rejects.toThrow(
      /unsupported provider method/,
    );
  });

  it('uses the configured region as the default in check', async () => {
    await configure({ config: config({ 'alicloud:region': 'cn-beijing' }) });
    const result = (await dispatch('ChatConfiguration', 'check', [
      {},
      { name: 'ops', clientId: 'id', clientSecret: 'secret', templateId: 't.schema' },
    ])) as { inputs: Record<string, unknown>; failures: unknown[] };
    expect(result.failures).toEqual([]);
    expect(result.inputs.regionId).toBe('cn-beijing');
  });
});

describe('stub provider', () => {
  it('is one instance per resource type', () => {
    expect(providerFor('ChatConfiguration')).toBe(providerFor('ChatConfiguration'));
    expect(providerFor('ChatConfiguration')).not.toBe(
      providerFor('SecurityCenterDingTalkNotification'),
    );
  });

  it('delegates every method to the runtime by type name', async () => {
    const stub = createStubProvider('ChatConfiguration');
    await stub.configure!({ config: config({ 'alicloud:region': 'cn-shanghai' }) });
    const result = await stub.check!({}, { name: 'x', type: 'WeChat', weComSettings: { k: 'v' } });
    expect(result.failures).toEqual([]);
    expect(result.inputs.regionId).toBe('cn-shanghai');
    const diff = await stub.diff!(
      'cn-shanghai/x',
      { ...result.inputs },
      {
        ...result.inputs,
        name: 'y',
      },
    );
    expect(diff).toEqual({ changes: true, replaces: ['name'], deleteBeforeReplace: false });
  });
});
