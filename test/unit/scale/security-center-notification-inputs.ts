import fc from 'fast-check';
import { type InputModel, notString, secretToken } from './input-model';

const webhook = (scheme: string, host: string, token: string) =>
  `${scheme}://${host}/robot/send?access_token=${token}`;

/** One item of a notification's `config` entry. */
export const configItem = fc.record({
  key: fc.string({ minLength: 1, maxLength: 20 }),
  values: fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 }),
});
const configEntry = fc.record(
  {
    type: fc.string({ minLength: 1, maxLength: 40 }),
    items: fc.array(configItem, { maxLength: 3 }),
  },
  { requiredKeys: ['type'] },
);

/** Valid values of a notification's interval, language and group ids. */
export const notificationSettings = {
  intervalTime: fc.nat({ max: 86400 }),
  language: fc.constantFrom('zh', 'en'),
  groupIds: fc.array(fc.stringMatching(/^[0-9]{1,10}$/), { maxLength: 5 }),
};

/** `SecurityCenterDingTalkNotification`: no rule spans fields, every field stands alone. */
export const securityCenterNotificationModel: InputModel = {
  type: 'SecurityCenterDingTalkNotification',
  valid: fc.record(
    {
      name: fc.string({ minLength: 2, maxLength: 64 }),
      webhookUrl: fc
        .tuple(fc.constantFrom('oapi.dingtalk.com', 'api.dingtalk.io', 'dingtalk.com'), secretToken)
        .map(([host, token]) => webhook('https', host, token)),
      ...notificationSettings,
      config: fc.array(configEntry, { maxLength: 3 }),
      enabled: fc.boolean(),
      regionId: fc.constantFrom('cn-shanghai', 'ap-southeast-1', 'cn-hangzhou'),
      adopt: fc.boolean(),
    },
    { requiredKeys: ['name', 'webhookUrl'] },
  ),
  fields: {
    name: {
      absent: 'required',
      invalid: fc.oneof(
        fc.constantFrom('', 'a'),
        fc.string({ minLength: 65, maxLength: 90 }),
        notString,
      ),
    },
    webhookUrl: {
      absent: 'required',
      invalid: fc.oneof(
        secretToken.map((token) => webhook('http', 'oapi.dingtalk.com', token)),
        secretToken.map((token) => webhook('https', 'evil.example.com', token)),
        secretToken.map((token) => webhook('https', 'oapi.dingtalk.com.evil.example', token)),
        secretToken.map((token) => `oapi.dingtalk.com/robot/send?access_token=${token}`),
        fc.constantFrom('https://oapi.dingtalk.com/robot/send', '', 'not a url'),
        notString,
      ),
    },
    intervalTime: {
      absent: 'optional',
      invalid: fc.oneof(
        fc.integer({ max: -1 }),
        fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY),
        fc.constant('60'),
        fc.boolean(),
      ),
    },
    language: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('fr', 'ZH', ''), fc.integer()),
    },
    groupIds: {
      absent: 'optional',
      invalid: fc.oneof(
        fc.constantFrom(['abc'], [1], ['1', '-2'], '10417151', {}),
        fc.array(fc.constant(''), { minLength: 1, maxLength: 2 }),
      ),
    },
    config: {
      absent: 'optional',
      invalid: fc.constantFrom(
        [{ type: '' }],
        [{ type: 't', items: [{ key: '', values: ['a'] }] }],
        [{ type: 't', items: [{ key: 'k', values: [] }] }],
        [{ type: 't', items: [{ key: 'k', values: [1] }] }],
        [{ type: 't', extra: 1 }],
        [{ items: [] }],
        '[]',
        [1],
      ),
    },
    enabled: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('true', 'yes', ''), fc.integer()),
    },
    regionId: {
      absent: 'optional',
      invalid: fc.oneof(fc.constantFrom('Shanghai', 'cn_shanghai', ''), notString),
    },
    adopt: { absent: 'optional', invalid: fc.oneof(fc.constantFrom('yes', ''), fc.integer()) },
  },
};
