import fc from 'fast-check';
import type { LifecycleContext } from '../../../../provider/lifecycle/context';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { chatConfigurationLifecycle as lifecycle } from '../../../../provider/resources/chat-configuration/lifecycle';
import * as checks from '../check-properties';

const FIELDS = [
  'name',
  'type',
  'regionId',
  'ramRole',
  'resourceGroupId',
  'clientId',
  'clientSecret',
  'templateId',
  'weComSettings',
  'adopt',
] as const;
type Field = (typeof FIELDS)[number];

const printable = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter(
    // eslint-disable-next-line no-control-regex
    (s) => !/[\u0000-\u001f\u007f]/.test(s) && s.length >= min && s.length <= max,
  );

const valid: Record<Field, fc.Arbitrary<unknown>> = {
  name: printable(1, 60),
  type: fc.constantFrom('DingTalk', 'WeChat'),
  regionId: fc.constantFrom('cn-hangzhou', 'cn-shanghai', 'ap-southeast-1', 'us-west-1'),
  ramRole: printable(1, 40),
  resourceGroupId: fc.stringMatching(/^rg-[a-z0-9]{6,20}$/),
  clientId: printable(1, 40),
  clientSecret: printable(1, 80),
  templateId: printable(1, 60),
  weComSettings: fc.dictionary(
    printable(1, 20).filter((k) => k !== '__proto__'),
    fc.string(),
    { minKeys: 1, maxKeys: 4 },
  ),
  adopt: fc.boolean(),
};

const invalid: Record<Field, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 201, maxLength: 260 }),
    fc.constantFrom('tab\there', 'new\nline', 'bell\u0007'),
    checks.notString,
  ),
  type: fc.oneof(fc.constantFrom('dingtalk', 'WeCom', 'Slack', ''), fc.integer()),
  regionId: fc.oneof(fc.constantFrom('Hangzhou', 'cn_hangzhou', '', 'cn-', '-x'), checks.notString),
  ramRole: fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 257, maxLength: 300 }),
    checks.notString,
  ),
  resourceGroupId: fc.oneof(fc.constantFrom('group-1', 'rg-', 'rg_x', ''), checks.notString),
  clientId: fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 257, maxLength: 300 }),
    checks.notString,
  ),
  clientSecret: fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 513, maxLength: 600 }),
    checks.notString,
  ),
  templateId: fc.oneof(fc.constant(''), checks.notString),
  weComSettings: fc.oneof(
    fc.constant({}),
    fc.constant({ CorpId: 1 }),
    fc.constant({ '': 'v' }),
    fc.constant(JSON.parse('{"__proto__": "v"}')),
    fc.constant(['a']),
    fc.string(),
  ),
  adopt: fc.oneof(fc.constantFrom('yes', 'true', ''), fc.integer(), fc.constant({})),
};

const scenario = fc.record({
  picks: checks.picksOf(FIELDS, valid, invalid, 3),
  extra: fc.option(fc.constantFrom('colour', 'Name', 'webhook_url', 'secret'), { nil: undefined }),
  configRegion: fc.option(fc.constant('cn-beijing'), { nil: undefined }),
});

/** Certainly set (an unknown may turn out either way and is never blamed). */
function present(p: checks.Pick): boolean {
  return p.kind === 'valid' || p.kind === 'invalid';
}

function absent(p: checks.Pick): boolean {
  return p.kind === 'absent';
}

/** What the cross-field rules must say when every field passed on its own. */
function expectedCrossFieldFailures(picks: Record<Field, checks.Pick>): string[] {
  const type = picks.type.kind === 'absent' ? 'DingTalk' : (picks.type as { value: unknown }).value;
  if (type === UNKNOWN) return [];
  const dingFields = ['clientId', 'clientSecret', 'templateId'] as const;
  if (type === 'DingTalk') {
    return [
      ...dingFields.filter((f) => absent(picks[f])),
      ...(present(picks.weComSettings) ? ['weComSettings'] : []),
    ];
  }
  return [
    ...(absent(picks.weComSettings) ? ['weComSettings'] : []),
    ...dingFields.filter((f) => present(picks[f])),
  ];
}

describe('ChatConfiguration check properties', () => {
  const connections = checks.watchNoConnections();
  const clients = checks.refusedClients();

  it('never throws, names every bad property, and calls nothing (1,500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ picks, extra, configRegion }) => {
        const news = checks.bagOf(FIELDS, picks, extra);
        const ctx: LifecycleContext = {
          settings: () => ({ region: configRegion }),
          clients,
          now: () => new Date(),
        };

        const { inputs, failures } = await lifecycle.check({}, news, ctx);

        const properties = failures.map((f) => f.property);
        for (const f of failures) expect(f.reason.startsWith(`${f.property}: `)).toBe(true);
        const badFields: string[] = FIELDS.filter((f) => picks[f].kind === 'invalid');
        if (picks.name.kind === 'absent') badFields.push('name');
        if (picks.regionId.kind === 'absent' && !configRegion) badFields.push('regionId');
        if (extra) badFields.push(extra);
        for (const field of badFields) {
          expect(properties.some((p) => checks.names(p, field))).toBe(true);
        }
        // Nothing valid, unknown or defaulted is blamed.
        for (const property of properties) {
          const owner = [...FIELDS, extra].find(
            (f) => f !== undefined && checks.names(property, f),
          );
          const ownerPick = owner && owner in picks ? picks[owner as Field] : undefined;
          const blamedByCrossField =
            badFields.length === 0 && expectedCrossFieldFailures(picks).includes(property);
          expect(badFields.includes(owner as string) || blamedByCrossField).toBe(true);
          expect(ownerPick?.kind).not.toBe('unknown');
        }
        if (badFields.length === 0) {
          expect(properties.sort()).toEqual(expectedCrossFieldFailures(picks).sort());
        }
        // A secret never shows up in a reason.
        const secret = picks.clientSecret;
        if (
          secret.kind !== 'absent' &&
          typeof secret.value === 'string' &&
          secret.value.length >= 12
        ) {
          expect(failures.map((f) => f.reason).join('\n')).not.toContain(secret.value);
        }
        // Unknowns are kept, defaults applied.
        checks.expectUnknownsKept(FIELDS, picks, inputs);
        if (failures.length === 0) {
          expect(inputs.type).toBe(picks.type.kind === 'absent' ? 'DingTalk' : news.type);
          expect(inputs.adopt).toBe(picks.adopt.kind === 'absent' ? false : news.adopt);
        }
      }),
      { numRuns: 1500 },
    );
    expect(clients).not.toHaveBeenCalled();
    expect(connections.count()).toBe(0);
  });
});
