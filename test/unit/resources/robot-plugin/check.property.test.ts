import fc from 'fast-check';
import { robotPluginLifecycle as lifecycle } from '../../../../provider/resources/robot-plugin/lifecycle';
import {
  type Broken,
  itAcceptsEveryValidInput,
  itChecksLikeEveryResource,
  offlineCheck,
} from '../check-properties';
import {
  pluginsFromWire,
  pluginsToWire,
  samePlugins,
} from '../../../../provider/resources/robot-plugin/wire';

const text = fc.string({ minLength: 1, maxLength: 12 });
const locale = fc.constantFrom('en_US', 'zh_CN', 'zh_TW', 'ja_JP', 'ko_KR');
const localeMap = fc.dictionary(locale, text, { minKeys: 1 });
const url = fc.webUrl();
const plugin = fc.record(
  {
    name: fc.oneof(text, localeMap),
    icon: fc.stringMatching(/^@[A-Za-z0-9]{4,20}$/),
    pcUrl: url,
    mobileUrl: url,
  },
  { requiredKeys: ['name', 'icon'] },
);
const validInputs = fc.record(
  {
    robotCode: fc.stringMatching(/^ding[a-z0-9]{4,16}$/),
    plugins: fc.array(plugin, { maxLength: 10 }),
    adopt: fc.boolean(),
  },
  { requiredKeys: ['robotCode'] },
);

type BreakPlugin = (news: Record<string, unknown>) => Broken;
const breakers: fc.Arbitrary<BreakPlugin>[] = [
  fc.oneof(fc.constant(''), fc.constant('with space'), fc.integer()).map((bad) => (news) => ({
    news: { ...news, robotCode: bad },
    property: 'robotCode',
  })),
  fc.oneof(fc.string(), fc.integer(), fc.object()).map((bad) => (news) => ({
    news: { ...news, plugins: bad },
    property: 'plugins',
  })),
  fc.oneof(fc.string(), fc.integer()).map((bad) => (news) => ({
    news: { ...news, adopt: bad },
    property: 'adopt',
  })),
  fc
    .tuple(
      fc.constantFrom('name', 'icon', 'pcUrl', 'mobileUrl'),
      fc.oneof(fc.constant(''), fc.integer(), fc.constant({}), fc.constant({ english: 'x' })),
    )
    .map(([field, bad]) => (news) => {
      const plugins = [...((news.plugins as object[] | undefined) ?? []), { name: 'n', icon: 'i' }];
      const index = plugins.length - 1;
      plugins[index] = { ...plugins[index], [field]: bad };
      return { news: { ...news, plugins }, property: `plugins[${index}].${field}` };
    }),
];

const check = offlineCheck((olds, news, ctx) => lifecycle.check(olds, news, ctx));

describe('RobotPlugin check properties', () => {
  itAcceptsEveryValidInput(
    'accepts every valid input, and its wire form round-trips without drift (1,000 runs)',
    check,
    validInputs,
    (_news, inputs) => {
      const plugins = inputs.plugins as Parameters<typeof pluginsToWire>[0];
      const back = pluginsFromWire(pluginsToWire(plugins), plugins);
      expect(samePlugins(back, plugins)).toBe(true);
      expect(back).toEqual(plugins);
      // Reading without the declared list still compares equal.
      expect(samePlugins(pluginsFromWire(pluginsToWire(plugins)), plugins)).toBe(true);
    },
  );

  itChecksLikeEveryResource(check, {
    valid: validInputs,
    broken: fc.tuple(validInputs, fc.oneof(...breakers)).map(([valid, breakIt]) => breakIt(valid)),
    properties: ['robotCode', 'plugins', 'adopt'],
  });
});
