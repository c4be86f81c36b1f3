import fc from 'fast-check';
import type { Clients } from '../../../provider/clients';
import type { LifecycleContext } from '../../../provider/lifecycle/context';
import type { CheckResponse, PropertyBag } from '../../../provider/lifecycle/lifecycle';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';
import { watchConnections } from '../../support/no-network';
import { offlineContext } from './offline-context';

/**
 * What the `check.property.test.ts` of every resource shares: `check` must stay offline,
 * never throw, name each bad property, and keep the preview-time unknown.
 */

type Check = (
  olds: PropertyBag,
  news: PropertyBag,
  ctx: LifecycleContext,
) => Promise<CheckResponse>;

/** Watches the file's connections: none may be opened while `check` runs. */
export function watchNoConnections(): { count(): number } {
  let connections: ReturnType<typeof watchConnections>;
  beforeAll(() => {
    connections = watchConnections();
  });
  afterAll(() => connections.restore());
  return { count: () => connections.count() };
}

/** Clients that fail the test if `check` reaches for them. */
export function refusedClients(): jest.Mock<Clients, []> {
  return jest.fn((): Clients => {
    throw new Error('check must not touch the clients');
  });
}

/** The lifecycle's check with a context that refuses clients and settings, asserted offline. */
export function offlineCheck(check: Check): (news: unknown) => Promise<CheckResponse> {
  const offline = offlineContext();
  const connections = watchNoConnections();
  return async (news) => {
    const outcome = await check({}, news as PropertyBag, offline.ctx);
    expect(offline.touches()).toBe(0);
    expect(connections.count()).toBe(0);
    return outcome;
  };
}

/** A bag whose properties break one by one, and the property `check` must name. */
export interface Broken {
  news: unknown;
  property: string;
}

/**
 * The three properties every resource's check has, whatever its fields: it never throws,
 * it names the property of every invalid input, and it accepts the unknown anywhere.
 */
export function itChecksLikeEveryResource(
  check: (news: unknown) => Promise<CheckResponse>,
  cases: {
    valid: fc.Arbitrary<Record<string, unknown>>;
    broken: fc.Arbitrary<Broken>;
    /** Also: each reason starts with the property it names. */
    reasonNamesProperty?: boolean;
    /** The properties that may each be the unknown. */
    properties: string[];
    /** Whether at least one property is the unknown. */
    minUnknowns?: number;
  },
): void {
  it('never throws, whatever it is given (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (news) => {
        expect(Array.isArray((await check(news)).failures)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the property of every invalid input (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(cases.broken, async ({ news, property }) => {
        const { failures } = await check(news);
        expect(failures.length).toBeGreaterThan(0);
        for (const failure of failures) {
          expect(failure.property.startsWith(property)).toBe(true);
          if (cases.reasonNamesProperty) {
            expect(failure.reason.startsWith(failure.property)).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts the preview-time unknown in any property (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        cases.valid,
        fc.subarray(cases.properties, { minLength: cases.minUnknowns ?? 0 }),
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
}

/** Every valid bag passes `check`; `then` asserts what the checked inputs must be. */
export function itAcceptsEveryValidInput<News extends Record<string, unknown>>(
  title: string,
  check: (news: unknown) => Promise<CheckResponse>,
  valid: fc.Arbitrary<News>,
  then: (news: News, inputs: PropertyBag) => void,
): void {
  it(title, async () => {
    await fc.assert(
      fc.asyncProperty(valid, async (news) => {
        const { failures, inputs } = await check(news);
        expect(failures).toEqual([]);
        then(news, inputs);
      }),
      { numRuns: 1000 },
    );
  });
}

/** One field's value in a generated bag: valid, invalid, the unknown, or left out. */
export type Pick = { kind: 'valid' | 'invalid' | 'unknown'; value: unknown } | { kind: 'absent' };

/** Values that are not strings. */
export const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant(['a']));

/** For each field, a value of each kind: mostly valid, sometimes invalid, unknown or absent. */
export function picksOf<Field extends string>(
  fields: readonly Field[],
  valid: Record<Field, fc.Arbitrary<unknown>>,
  invalid: Record<Field, fc.Arbitrary<unknown>>,
  absentWeight: number,
): fc.Arbitrary<Record<Field, Pick>> {
  const pick = (field: Field): fc.Arbitrary<Pick> =>
    fc.oneof(
      { weight: 5, arbitrary: valid[field].map((value) => ({ kind: 'valid' as const, value })) },
      {
        weight: 2,
        arbitrary: invalid[field].map((value) => ({ kind: 'invalid' as const, value })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const, value: UNKNOWN }) },
      { weight: absentWeight, arbitrary: fc.constant({ kind: 'absent' as const }) },
    );
  const picks = Object.fromEntries(fields.map((f) => [f, pick(f)]));
  return fc.record(picks) as unknown as fc.Arbitrary<Record<Field, Pick>>;
}

/** The bag the picks make, with an extra undeclared property if any. */
export function bagOf<Field extends string>(
  fields: readonly Field[],
  picks: Record<Field, Pick>,
  extra: string | undefined,
): PropertyBag {
  const news: PropertyBag = { __provider: 'serialized' };
  for (const field of fields) {
    const p = picks[field];
    if (p.kind !== 'absent') news[field] = p.value;
  }
  if (extra) news[extra] = 'x';
  return news;
}

/** Every field picked as the unknown is kept as the unknown. */
export function expectUnknownsKept<Field extends string>(
  fields: readonly Field[],
  picks: Record<Field, Pick>,
  inputs: PropertyBag,
): void {
  for (const field of fields) {
    if (picks[field].kind === 'unknown') expect(inputs[field]).toBe(UNKNOWN);
  }
}

/** Whether a failure's property path is the field or inside it. */
export const names = (property: string, field: string) =>
  property === field || property.startsWith(`${field}[`) || property.startsWith(`${field}.`);
