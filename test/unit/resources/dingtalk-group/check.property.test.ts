import fc from 'fast-check';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { dingTalkGroupLifecycle as lifecycle } from '../../../../provider/resources/dingtalk-group/lifecycle';
import { watchConnections } from '../../../support/no-network';
import { FLAGS as flags, userId } from '../../scale/dingtalk-group-inputs';
import { offlineContext } from '../offline-context';

const validInputs = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    owner: userId,
    members: fc.array(userId, { maxLength: 60 }),
    memberPolicy: fc.constantFrom('authoritative', 'additive'),
    newMembersSeeHistory: fc.boolean(),
    searchable: fc.boolean(),
    joinRequiresApproval: fc.boolean(),
    mentionAllOwnerOnly: fc.boolean(),
    managementOwnerOnly: fc.boolean(),
    allMuted: fc.boolean(),
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

const offline = offlineContext();
let connections: ReturnType<typeof watchConnections>;
beforeAll(() => {
  connections = watchConnections();
});
afterAll(() => connections.restore());

/** The lifecycle's check, asserting it stayed offline. */
async function check(news: unknown) {
  const outcome = await lifecycle.check({}, news as Record<string, unknown>, offline.ctx);
  expect(offline.touches()).toBe(0);
  expect(connections.count()).toBe(0);
  return outcome;
}

describe('DingTalkGroup check properties', () => {
  it('never throws, whatever it is given (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (news) => {
        const outcome = await check(news);
        expect(Array.isArray(outcome.failures)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every valid input, with the owner among the members (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(validInputs, async (news) => {
        const { failures, inputs } = await check(news);
        expect(failures).toEqual([]);
        const members = inputs.members as string[];
        expect(members).toContain(news.owner);
        expect(members).toEqual([...new Set([news.owner, ...(news.members ?? [])])].sort());
      }),
      { numRuns: 1000 },
    );
  });

  it('names the property of every invalid input (1,000 runs)', async () => {
    const broken = fc
      .tuple(validInputs, fc.constantFrom(...Object.keys(invalidValues)))
      .chain(([news, property]) =>
        invalidValues[property].map((bad) => ({ news: { ...news, [property]: bad }, property })),
      );
    await fc.assert(
      fc.asyncProperty(broken, async ({ news, property }) => {
        const { failures } = await check(news);
        expect(failures.length).toBeGreaterThan(0);
        for (const failure of failures) {
          expect(failure.property.startsWith(property)).toBe(true);
          expect(failure.reason.startsWith(failure.property)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts the preview-time unknown in any property (1,000 runs)', async () => {
    const properties = Object.keys(invalidValues);
    await fc.assert(
      fc.asyncProperty(
        validInputs,
        fc.subarray(properties, { minLength: 1 }),
        async (news, unknowns) => {
          const withUnknowns = {
            ...news,
            ...Object.fromEntries(unknowns.map((key) => [key, UNKNOWN])),
          };
          expect((await check(withUnknowns)).failures).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
