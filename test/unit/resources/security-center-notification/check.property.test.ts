import fc from 'fast-check';
import type { LifecycleContext } from '../../../../provider/lifecycle/context';
import { securityCenterDingTalkNotificationLifecycle as lifecycle } from '../../../../provider/resources/security-center-notification/lifecycle';
import { configItem, notificationSettings } from '../../scale/security-center-notification-inputs';
import * as checks from '../check-properties';
import { NOTIFICATION_DEFAULTS } from './fake-security-center';

const FIELDS = [
  'name',
  'webhookUrl',
  'intervalTime',
  'language',
  'groupIds',
  'config',
  'enabled',
  'regionId',
  'adopt',
] as const;
type Field = (typeof FIELDS)[number];

const token = fc.stringMatching(/^[a-f0-9]{16,64}$/);
const configEntry = fc.record({
  type: fc.string({ minLength: 1, maxLength: 40 }),
  items: fc.array(configItem, { maxLength: 3 }),
});

const valid: Record<Field, fc.Arbitrary<unknown>> = {
  name: fc.string({ minLength: 2, maxLength: 64 }),
  webhookUrl: fc
    .tuple(fc.constantFrom('oapi.dingtalk.com', 'api.dingtalk.io'), token)
    .map(([host, t]) => `https://${host}/robot/send?access_token=${t}`),
  ...notificationSettings,
  config: fc.array(configEntry, { maxLength: 3 }),
  enabled: fc.boolean(),
  regionId: fc.constantFrom('cn-shanghai', 'ap-southeast-1', 'cn-hangzhou'),
  adopt: fc.boolean(),
};

const invalid: Record<Field, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constantFrom('', 'a'),
    fc.string({ minLength: 65, maxLength: 90 }),
    checks.notString,
  ),
  webhookUrl: fc.oneof(
    token.map((t) => `http://oapi.dingtalk.com/robot/send?access_token=${t}`),
    token.map((t) => `https://evil.example.com/robot/send?access_token=${t}`),
    fc.constant('https://oapi.dingtalk.com/robot/send'),
    fc.constantFrom('', 'not a url'),
    checks.notString,
  ),
  intervalTime: fc.oneof(
    fc.integer({ max: -1 }),
    fc.constantFrom(1.5, Number.NaN),
    fc.constant('60'),
    fc.boolean(),
  ),
  language: fc.oneof(fc.constantFrom('fr', 'ZH', ''), fc.integer()),
  groupIds: fc.oneof(
    fc.constant(['abc']),
    fc.constant([1]),
    fc.constant('10417151'),
    fc.constant({}),
  ),
  config: fc.oneof(
    fc.constant([{ type: '' }]),
    fc.constant([{ type: 't', items: [{ key: '', values: ['a'] }] }]),
    fc.constant([{ type: 't', items: [{ key: 'k', values: [] }] }]),
    fc.constant([{ type: 't', extra: 1 }]),
    fc.constant('[]'),
    fc.constant([1]),
  ),
  enabled: fc.oneof(fc.constantFrom('true', 'yes', ''), fc.integer()),
  regionId: fc.oneof(fc.constantFrom('Shanghai', 'cn_shanghai', ''), checks.notString),
  adopt: fc.oneof(fc.constantFrom('yes', ''), fc.integer()),
};

const scenario = fc.record({
  picks: checks.picksOf(FIELDS, valid, invalid, 2),
  extra: fc.option(fc.constantFrom('url', 'Name', 'sendUrl'), { nil: undefined }),
});

describe('SecurityCenterDingTalkNotification check properties', () => {
  const connections = checks.watchNoConnections();
  const clients = checks.refusedClients();

  it('never throws, names every bad property and only those, calls nothing (1,500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ picks, extra }) => {
        const news = checks.bagOf(FIELDS, picks, extra);
        const ctx: LifecycleContext = { settings: () => ({}), clients, now: () => new Date() };

        const { inputs, failures } = await lifecycle.check({}, news, ctx);

        const bad: string[] = FIELDS.filter((f) => picks[f].kind === 'invalid');
        if (picks.name.kind === 'absent') bad.push('name');
        if (picks.webhookUrl.kind === 'absent') bad.push('webhookUrl');
        if (extra) bad.push(extra);
        const properties = failures.map((f) => f.property);
        for (const field of bad) expect(properties.some((p) => checks.names(p, field))).toBe(true);
        for (const property of properties) {
          expect(bad.some((field) => checks.names(property, field))).toBe(true);
        }
        for (const f of failures) expect(f.reason.startsWith(`${f.property}: `)).toBe(true);
        const webhook = picks.webhookUrl;
        if (webhook.kind !== 'absent' && typeof webhook.value === 'string') {
          const secretPart = webhook.value.split('access_token=')[1];
          if (secretPart && secretPart.length >= 12) {
            expect(JSON.stringify(failures)).not.toContain(secretPart);
          }
        }
        checks.expectUnknownsKept(FIELDS, picks, inputs);
        if (failures.length === 0) {
          for (const [field, value] of Object.entries(NOTIFICATION_DEFAULTS)) {
            if (picks[field as Field].kind === 'absent') expect(inputs[field]).toEqual(value);
          }
        }
      }),
      { numRuns: 1500 },
    );
    expect(clients).not.toHaveBeenCalled();
    expect(connections.count()).toBe(0);
  });
});
