import fc from 'fast-check';
import { type InputModel, notString, secretToken } from './input-model';

const printable = (min: number, max: number) => fc.string({ minLength: min, maxLength: max });
const tooLong = (min: number) => fc.string({ minLength: min, maxLength: min + 40 });

const common = {
  name: printable(1, 60),
  regionId: fc.constantFrom('cn-hangzhou', 'cn-shanghai', 'ap-southeast-1', 'us-west-1'),
  ramRole: printable(1, 40),
  resourceGroupId: fc.stringMatching(/^rg-[a-z0-9]{6,20}$/),
  adopt: fc.boolean(),
};
const dingTalkSettings = {
  clientId: printable(1, 40),
  clientSecret: secretToken,
  templateId: printable(1, 60).map((id) => `${id}.schema`),
};
const weComSettings = fc.dictionary(
  printable(1, 20).filter((key) => key !== '__proto__'),
  secretToken,
  { minKeys: 1, maxKeys: 4 },
);

const dingTalk = fc.record(
  { ...common, type: fc.constant('DingTalk'), ...dingTalkSettings },
  { requiredKeys: ['name', 'clientId', 'clientSecret', 'templateId'] },
);
const weChat = fc.record(
  { ...common, type: fc.constant('WeChat'), weComSettings },
  { requiredKeys: ['name', 'type', 'weComSettings'] },
);

/** `ChatConfiguration`, with `alicloud:region` configured (so `regionId` may be left out). */
export const chatConfigurationModel: InputModel = {
  type: 'ChatConfiguration',
  valid: fc.oneof(dingTalk, weChat),
  fields: {
    name: {
      absent: 'required',
      invalid: fc.oneof(
        fc.constant(''),
        tooLong(201),
        fc.constantFrom('tab\there', 'new\nline', 'bell\u0007', 'del\u007f'),
        notString,
      ),
    },
    // Left out, the type defaults to DingTalk, which a WeCom bag does not satisfy.
    type: { invalid: fc.oneof(fc.constantFrom('dingtalk', 'WeCom', 'Slack', ''), notString) },
    regionId: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('Hangzhou', 'cn_hangzhou', '', 'cn-', '-x'), notString),
    },
    ramRole: { absent: 'optional', invalid: fc.oneof(fc.constant(''), tooLong(257), notString) },
    resourceGroupId: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('group-1', 'rg-', 'rg_x', 'rg-a b', ''), notString),
    },
    clientId: { invalid: fc.oneof(fc.constant(''), tooLong(257), notString) },
    clientSecret: {
      invalid: fc.oneof(
        fc.constant(''),
        // Too long, and made of a recognisable secret that no failure may repeat.
        secretToken.map((token) => token.repeat(24)),
        notString,
      ),
    },
    templateId: { invalid: fc.oneof(fc.constant(''), tooLong(257), notString) },
    weComSettings: {
      invalid: fc.oneof(
        fc.constant({}),
        secretToken.map((token) => ({ CorpId: 1, Secret: token })),
        fc.constant({ '': 'v' }),
        fc.constant(JSON.parse('{"__proto__": "v"}')),
        fc.constant(['a']),
        fc.string(),
      ),
    },
    adopt: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('yes', 'true', ''), fc.integer(), fc.constant({})),
    },
  },
  crossFieldViolations: fc.oneof(
    fc
      .tuple(dingTalk, fc.constantFrom('clientId', 'clientSecret', 'templateId'))
      .map(([news, blamed]) => {
        const copy: Record<string, unknown> = { ...news };
        delete copy[blamed];
        return { news: copy, blamed };
      }),
    fc.tuple(dingTalk, weComSettings).map(([news, settings]) => ({
      news: { ...news, weComSettings: settings },
      blamed: 'weComSettings',
    })),
    weChat.map((news) => {
      const copy: Record<string, unknown> = { ...news };
      delete copy.weComSettings;
      return { news: copy, blamed: 'weComSettings' };
    }),
    fc
      .tuple(weChat, dingTalkSettings.clientId)
      .map(([news, clientId]) => ({ news: { ...news, clientId }, blamed: 'clientId' })),
  ),
};
