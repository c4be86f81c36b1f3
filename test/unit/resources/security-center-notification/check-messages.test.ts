import { securityCenterDingTalkNotificationLifecycle as lifecycle } from '../../../../provider/resources/security-center-notification/lifecycle';
import { testContext } from '../../../support/lifecycle-context';
import { IN_PLACE_CHANGE, NO_CHANGES } from '../diff-answers';

const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=tok-0123456789abcdef';
const valid = { name: 'sas-alerts', webhookUrl: WEBHOOK };

async function check(news: Record<string, unknown>) {
  return lifecycle.check(
    {},
    { ...valid, ...news },
    testContext({ settings: { region: undefined } }),
  );
}

describe('SecurityCenterDingTalkNotification check: the reason given for each bad value', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['a name too short', { name: 'a' }, 'name', 'must be 2 to 64 characters'],
    ['a name too long', { name: 'n'.repeat(65) }, 'name', 'must be 2 to 64 characters'],
    [
      'a fractional interval',
      { intervalTime: 1.5 },
      'intervalTime',
      'must be a whole number (0 means no minimum interval)',
    ],
    [
      'a negative interval',
      { intervalTime: -1 },
      'intervalTime',
      'must be 0 or more (0 means no minimum interval)',
    ],
    [
      'a group id that is not a number',
      { groupIds: ['abc'] },
      'groupIds[0]',
      'must be a numeric asset group id such as "10417151"',
    ],
    [
      'a group id that only starts with digits',
      { groupIds: ['123abc'] },
      'groupIds[0]',
      'must be a numeric asset group id such as "10417151"',
    ],
    [
      'an empty event type',
      { config: [{ type: '', items: [] }] },
      'config[0].type',
      'must be a non-empty event type',
    ],
    [
      'an empty item key',
      { config: [{ type: 't', items: [{ key: '', values: ['v'] }] }] },
      'config[0].items[0].key',
      'must be a non-empty key such as item_level',
    ],
    [
      'an item without values',
      { config: [{ type: 't', items: [{ key: 'k', values: [] }] }] },
      'config[0].items[0].values',
      'must hold at least one value',
    ],
    [
      'a region with capitals',
      { regionId: 'CN-shanghai' },
      'regionId',
      'must be a region id such as cn-shanghai',
    ],
    [
      'a region with a prefix',
      { regionId: 'X_cn-shanghai' },
      'regionId',
      'must be a region id such as cn-shanghai',
    ],
    [
      'a region with a suffix',
      { regionId: 'cn-shanghai!' },
      'regionId',
      'must be a region id such as cn-shanghai',
    ],
  ];

  it.each(cases)('rejects %s, naming the property and the rule', async (_, bad, property, rule) => {
    const { failures } = await check(bad);
    expect(failures).toEqual([{ property, reason: `${property}: ${rule}` }]);
  });

  it.each([
    'https://dingtalk.io/robot/send?access_token=abc',
    'https://api.dingtalk.io/robot/send?access_token=abc',
    'https://dingtalk.com/robot/send?access_token=abc',
  ])('accepts the DingTalk webhook %s', async (webhookUrl) => {
    expect((await check({ webhookUrl })).failures).toEqual([]);
  });

  it.each([
    'https://notdingtalk.io/robot/send?access_token=abc',
    'https://dingtalk.io.example.com/robot/send?access_token=abc',
  ])('rejects the look-alike host of %s', async (webhookUrl) => {
    expect((await check({ webhookUrl })).failures.map((f) => f.property)).toEqual(['webhookUrl']);
  });

  it('gives a config entry without items an empty list of items', async () => {
    const { inputs, failures } = await check({ config: [{ type: 't' }] });
    expect(failures).toEqual([]);
    expect(inputs.config).toEqual([{ type: 't', items: [] }]);
  });
});

describe('SecurityCenterDingTalkNotification diff of config', () => {
  const base = [
    {
      type: 'sas_event',
      items: [
        { key: 'item_level', values: ['all'] },
        { key: 'event_type', values: ['b', 'a'] },
      ],
    },
  ];

  async function configDiff(before: unknown, after: unknown) {
    const olds = (await check({ config: base })).inputs;
    return lifecycle.diff(
      '1',
      { ...olds, config: before },
      { ...olds, config: after },
      testContext(),
    );
  }

  it.each<[string, unknown]>([
    [
      'an item value',
      [{ ...base[0], items: [base[0].items[0], { key: 'event_type', values: ['b', 'c'] }] }],
    ],
    [
      'an item key',
      [{ ...base[0], items: [base[0].items[0], { key: 'event_kind', values: ['a', 'b'] }] }],
    ],
    ['the event type', [{ ...base[0], type: 'sas_other' }]],
    ['an added item', [{ ...base[0], items: [...base[0].items, { key: 'x', values: ['1'] }] }]],
  ])('shows a change of %s', async (_, after) => {
    expect(await configDiff(base, after)).toEqual(IN_PLACE_CHANGE);
  });

  it('still sees no change when only the order of items and values differs', async () => {
    const reordered = [
      {
        type: 'sas_event',
        items: [
          { key: 'event_type', values: ['a', 'b'] },
          { key: 'item_level', values: ['all'] },
        ],
      },
    ];
    expect(await configDiff(base, reordered)).toEqual(NO_CHANGES);
  });

  it.each<[string, unknown, unknown]>([
    ['entries that are not objects', ['a'], ['b']],
    ['null entries next to others', [null, 'a'], [null, 'b']],
    ['entries without items', [{ type: 'a' }], [{ type: 'b' }]],
    [
      'items that are not objects',
      [{ type: 't', items: [null, 'x'] }],
      [{ type: 't', items: [null, 'y'] }],
    ],
    [
      'items without values',
      [{ type: 't', items: [{ key: 'a' }] }],
      [{ type: 't', items: [{ key: 'b' }] }],
    ],
    ['a config that is not a list', 'a', 'b'],
  ])('compares %s in state as they are', async (_, before, after) => {
    expect(await configDiff(before, after)).toEqual(IN_PLACE_CHANGE);
    expect(await configDiff(before, before)).toEqual(NO_CHANGES);
  });
});
