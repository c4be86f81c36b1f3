import fc from 'fast-check';
import { dingTalkGroupLifecycle as lifecycle } from '../../../../provider/resources/dingtalk-group/lifecycle';
import { FLAGS as flags, userId } from '../../scale/dingtalk-group-inputs';
import {
  itAcceptsEveryValidInput,
  itChecksLikeEveryResource,
  offlineCheck,
} from '../check-properties';

/** Each of the six settings, on or off. */
const flagValues = Object.fromEntries(flags.map((flag) => [flag, fc.boolean()])) as Record<
  (typeof flags)[number],
  fc.Arbitrary<boolean>
>;

const validInputs = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    owner: userId,
    members: fc.array(userId, { maxLength: 60 }),
    memberPolicy: fc.constantFrom('authoritative', 'additive'),
    ...flagValues,
    deletionPolicy: fc.constantFrom('retain', 'removeMembers'),
    adopt: fc.constant(false),
  },
  { requiredKeys: ['name', 'owner'] },
);

/** For each property, values that are not allowed there. */
const invalidValues: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 21, maxLength: 40 }).filter((s) => Array.from(s).length > 20),
    fc.constantFrom('  ', '\t'),
    fc.integer(),
    fc.boolean(),
  ),
  owner: fc.oneof(fc.constant(''), fc.constantFrom('a b', ' x'), fc.integer(), fc.object()),
  members: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant([1]),
    fc.constant(['ok', '']),
    fc.constant(Array.from({ length: 1001 }, (_, i) => `u${i}`)),
  ),
  memberPolicy: fc.string().filter((s) => s !== 'authoritative' && s !== 'additive'),
  deletionPolicy: fc.string().filter((s) => s !== 'retain' && s !== 'removeMembers'),
  adopt: fc.oneof(fc.string(), fc.integer()),
  chatId: fc.oneof(fc.constant(''), fc.constant('has space'), fc.integer()),
  ...Object.fromEntries(flags.map((flag) => [flag, fc.oneof(fc.integer(), fc.string())])),
};

const check = offlineCheck((olds, news, ctx) => lifecycle.check(olds, news, ctx));

describe('DingTalkGroup check properties', () => {
  itAcceptsEveryValidInput(
    'accepts every valid input, with the owner among the members (1,000 runs)',
    check,
    validInputs,
    (news, inputs) => {
      const members = inputs.members as string[];
      expect(members).toContain(news.owner);
      expect(members).toEqual([...new Set([news.owner, ...(news.members ?? [])])].sort());
    },
  );

  itChecksLikeEveryResource(check, {
    valid: validInputs,
    broken: fc
      .tuple(validInputs, fc.constantFrom(...Object.keys(invalidValues)))
      .chain(([news, property]) =>
        invalidValues[property].map((bad) => ({ news: { ...news, [property]: bad }, property })),
      ),
    reasonNamesProperty: true,
    properties: Object.keys(invalidValues),
    minUnknowns: 1,
  });
});
