import fc from 'fast-check';
import { type InputModel, notString } from './input-model';

const text = fc.string({ minLength: 1, maxLength: 12 });
const localeMap = fc.dictionary(fc.constantFrom('en_US', 'zh_CN', 'zh_TW', 'ja_JP'), text, {
  minKeys: 1,
});
const plugin = fc.record(
  {
    name: fc.oneof(text, localeMap),
    icon: fc.stringMatching(/^@[A-Za-z0-9]{4,20}$/),
    pcUrl: fc.webUrl(),
    mobileUrl: fc.webUrl(),
  },
  { requiredKeys: ['name', 'icon'] },
);

/** One plugin entry that fails validation in exactly one of its fields. */
const brokenPlugin = fc.oneof(
  fc.constantFrom(
    { name: '', icon: '@icon' },
    { name: 'n', icon: '' },
    { name: 'n' },
    { icon: '@icon' },
    { name: 'n', icon: '@icon', pcUrl: 'not a url' },
    { name: 'n', icon: '@icon', mobileUrl: '/relative' },
    { name: {}, icon: '@icon' },
    { name: { english: 'x' }, icon: '@icon' },
    { name: { en_US: '' }, icon: '@icon' },
    { name: 'n', icon: 7 },
  ),
  notString,
);

/** `RobotPlugin`: the robot and its ordered plugin list. */
export const robotPluginModel: InputModel = {
  type: 'RobotPlugin',
  valid: fc.record(
    {
      robotCode: fc.stringMatching(/^ding[a-z0-9]{4,16}$/),
      plugins: fc.array(plugin, { maxLength: 10 }),
      adopt: fc.boolean(),
    },
    { requiredKeys: ['robotCode'] },
  ),
  fields: {
    robotCode: {
      absent: 'required',
      invalid: fc.oneof(fc.constantFrom('', 'with space', ' lead', 'tab\t'), notString),
    },
    plugins: {
      absent: 'optional',
      invalid: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.object({ maxDepth: 1 }),
        fc
          .tuple(fc.array(plugin, { maxLength: 4 }), brokenPlugin, fc.nat())
          .map(([good, bad, at]) => {
            const list: unknown[] = [...good];
            list.splice(at % (good.length + 1), 0, bad);
            return list;
          }),
      ),
    },
    adopt: { absent: 'optional', invalid: fc.oneof(fc.string(), fc.integer()) },
  },
};
