import type {
  ChatConfigurationListItem,
  ChatConfigurationSpec,
} from '../../../../provider/clients/alicloud/oos';
import { chatConfigurationLifecycle as lifecycle } from '../../../../provider/resources/chat-configuration/lifecycle';
import { testContext } from '../../../support/lifecycle-context';
import { FakeOos } from './fake-oos';

const STAMP = '2026-11-28T10:00:05+00:00';
const SECRET = 'client-secret-value-1';

/** State of `ops-bot` as the provider last applied it. */
const applied = {
  name: 'ops-bot',
  type: 'DingTalk' as const,
  regionId: 'cn-hangzhou',
  clientId: 'ding-client',
  clientSecret: SECRET,
  templateId: 'a1b2.schema',
  adopt: true,
  webhookUrl: 'https://old.example/webhook',
  createdDate: STAMP,
  updatedDate: STAMP,
};

/** A FakeOos that also lists, answering `listed` as the region's one page. */
function setup(listed: ChatConfigurationListItem[]) {
  const oos = new FakeOos();
  oos.seed(
    {
      regionId: 'cn-hangzhou',
      name: 'ops-bot',
      type: 'DingTalk',
      configuration: {
        DingTalkClientId: 'ding-client',
        DingTalkClientSecret: SECRET,
        DingTalkTemplateId: 'a1b2.schema',
      },
    },
    STAMP,
  );
  Object.assign(oos, {
    async listChatConfigurations() {
      oos.calls.push('list');
      return { items: listed };
    },
  });
  return { oos, ctx: testContext({ clients: { oos: oos.asClient() } }) };
}

const listItem = (over: Partial<ChatConfigurationListItem> = {}): ChatConfigurationListItem => ({
  name: 'ops-bot',
  type: 'DingTalk',
  outputs: { URL: 'https://listed.example/webhook' },
  updatedDate: STAMP,
  ...over,
});

describe('ChatConfiguration read from the listing', () => {
  it('answers an unchanged configuration from the listing alone, with its listed URL', async () => {
    const { oos, ctx } = setup([listItem()]);
    const result = await lifecycle.read('cn-hangzhou/ops-bot', applied, ctx);
    expect(oos.calls).toEqual(['list']);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(result.props).toMatchObject({
      adopt: true,
      webhookUrl: 'https://listed.example/webhook',
      clientSecret: SECRET,
    });
    expect(result.inputs).toMatchObject({ adopt: true });
  });

  it('keeps the applied URL when the listing shows none', async () => {
    const { ctx } = setup([listItem({ outputs: {} })]);
    const result = await lifecycle.read('cn-hangzhou/ops-bot', applied, ctx);
    expect(result.props).toMatchObject({ webhookUrl: 'https://old.example/webhook' });
  });

  it.each([
    ['another type', { type: 'WeChat' as const }],
    ['another role', { ramRole: 'OOSServiceRole' }],
    ['a moved stamp', { updatedDate: '2026-11-28T11:00:00+00:00' }],
  ])('gets the configuration when the listing shows %s', async (_what, over) => {
    const { oos, ctx } = setup([listItem(over)]);
    await lifecycle.read('cn-hangzhou/ops-bot', applied, ctx);
    expect(oos.calls).toEqual(['list', 'get']);
  });

  it('reads the region and name from the id when state lacks them', async () => {
    const { oos, ctx } = setup([]);
    const { regionId: _r, name: _n, ...rest } = applied;
    const result = await lifecycle.read('cn-hangzhou/ops-bot', rest, ctx);
    expect(oos.calls).toEqual(['list', 'get']);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
    expect(result.props).toMatchObject({ regionId: 'cn-hangzhou', name: 'ops-bot', adopt: true });
  });

  it('reads the configuration its state names, whatever the id says', async () => {
    const { oos, ctx } = setup([]);
    const result = await lifecycle.read('legacy-id', applied, ctx);
    expect(oos.calls).toEqual(['list', 'get']);
    expect(result.id).toBe('cn-hangzhou/ops-bot');
  });

  it('deletes the configuration its state names, whatever the id says', async () => {
    const { oos, ctx } = setup([]);
    await lifecycle.delete('legacy-id', applied, ctx);
    expect(oos.items.size).toBe(0);
  });

  it('warns, naming the masked settings, when the stamp moved but every readable field is as applied', async () => {
    const { oos, ctx } = setup([]);
    const moved = '2026-11-28T11:00:00+00:00';
    oos.items.get('cn-hangzhou/ops-bot')!.updatedDate = moved;
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await lifecycle.read('cn-hangzhou/ops-bot', applied, ctx);
      expect(log).toHaveBeenCalledWith(
        `warning: OOS chat configuration cn-hangzhou/ops-bot was written outside Pulumi ` +
          `(UpdatedDate ${STAMP} -> ${moved}) while every readable field is as applied: ` +
          'clientSecret, which OOS does not show, may have changed and will be written ' +
          'again by the next up.',
      );
    } finally {
      log.mockRestore();
    }
  });
});

describe('ChatConfiguration update', () => {
  function recordSpecs(oos: FakeOos): ChatConfigurationSpec[] {
    const sent: ChatConfigurationSpec[] = [];
    const update = oos.updateChatConfiguration.bind(oos);
    oos.updateChatConfiguration = async (spec) => {
      sent.push(spec);
      return update(spec);
    };
    return sent;
  }

  it('sends no role when none was set before or now', async () => {
    const { oos, ctx } = setup([]);
    const sent = recordSpecs(oos);
    await lifecycle.update('cn-hangzhou/ops-bot', applied, { ...applied, templateId: 't2' }, ctx);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('ramRole');
    expect(sent[0]).not.toHaveProperty('resourceGroupId');
  });

  it('sends the resource group it is given and never an empty role', async () => {
    const { oos, ctx } = setup([]);
    const sent = recordSpecs(oos);
    await lifecycle.update(
      'cn-hangzhou/ops-bot',
      { ...applied, ramRole: 'OOSServiceRole' },
      { ...applied, resourceGroupId: 'rg-acfm1' },
      ctx,
    );
    expect(sent[0]).toMatchObject({ resourceGroupId: 'rg-acfm1' });
    expect(sent[0]).not.toHaveProperty('ramRole');
  });

  it('records the dates the update answered over those of state', async () => {
    const { oos, ctx } = setup([]);
    const later = new Date('2026-11-28T12:00:00Z');
    oos.clock = () => later;
    const { outs } = await lifecycle.update(
      'cn-hangzhou/ops-bot',
      { ...applied, createdDate: 'lost' },
      { ...applied, templateId: 't2' },
      ctx,
    );
    expect(outs).toMatchObject({ createdDate: STAMP, updatedDate: later.toISOString() });
    expect(Object.keys(outs)).not.toContain('ramRole');
  });
});
