import fc from 'fast-check';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

/**
 * What the check-at-scale test knows about one resource type's inputs: how to build a
 * valid bag, and, per declared field, values that must fail on their own. From that it
 * generates bags with a known set of properties that `check` must blame, and no other.
 */
export interface FieldModel {
  /** Values that fail this field's own validation (never `null`, never the unknown). */
  invalid: fc.Arbitrary<unknown>;
  /**
   * What leaving the field out (or `null`) means: `required` must be blamed, `optional`
   * is fine. Absent when leaving it out may break a rule spanning several fields.
   */
  absent?: 'required' | 'optional';
}

export interface InputModel {
  /** The type name `dispatch` takes. */
  type: string;
  fields: Record<string, FieldModel>;
  /** Bags that pass `check`, cross-field rules included. */
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** Bags whose every field is valid on its own but that break a cross-field rule. */
  crossFieldViolations?: fc.Arbitrary<{ news: Record<string, unknown>; blamed: string }>;
}

/** A generated bag and the top-level properties `check` must blame, and only those. */
export interface Scenario {
  kind: 'mutated' | 'cross-field' | 'arbitrary';
  news: unknown;
  /** For `mutated` and `cross-field`: exactly the properties that must be named. */
  blamed?: string[];
  /** Fields set to the preview-time unknown: kept as is. */
  unknowns?: string[];
}

/**
 * Whether a failure's property path belongs to a top-level field: `plugins[0].icon` belongs
 * to `plugins`. Undeclared keys are reported under their exact name.
 */
export function belongsTo(property: string, field: string): boolean {
  return property === field || property.startsWith(`${field}.`) || property.startsWith(`${field}[`);
}

/**
 * Secret values in the models embed a recognisable token, so a test can look for it in
 * every failure: `sk` and 20 hex digits.
 */
export const secretToken = fc.stringMatching(/^[0-9a-f]{20}$/).map((hex) => `sk${hex}`);
export const SECRET_TOKEN_PATTERN = /sk[0-9a-f]{20}/g;

type Mutation = 'invalid' | 'unknown' | 'absent' | 'null';

const undeclaredKey = (declared: readonly string[]) =>
  fc
    .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/)
    .filter((key) => !declared.includes(key) && key !== '__provider');

/** A valid bag with up to four fields broken, unknown or left out, and undeclared extras. */
function mutated(model: InputModel): fc.Arbitrary<Scenario> {
  const declared = Object.keys(model.fields);
  const mutationOf = (field: string): fc.Arbitrary<[string, Mutation, unknown]> => {
    const kinds: fc.Arbitrary<[string, Mutation, unknown]>[] = [
      model.fields[field].invalid.map((value) => [field, 'invalid', value]),
      fc.constant([field, 'unknown', UNKNOWN]),
    ];
    if (model.fields[field].absent !== undefined) {
      kinds.push(fc.constant([field, 'absent', undefined]), fc.constant([field, 'null', null]));
    }
    return fc.oneof(...kinds);
  };
  const mutations = fc
    .uniqueArray(fc.constantFrom(...declared), { maxLength: 4 })
    .chain((fields) => fc.tuple(...fields.map(mutationOf)));
  const extras = fc.uniqueArray(undeclaredKey(declared), { maxLength: 2 });
  return fc
    .tuple(model.valid, mutations, extras, fc.anything({ maxDepth: 1 }))
    .map(([valid, changes, extraKeys, extraValue]) => {
      const news: Record<string, unknown> = { ...valid, __provider: 'exports.handler = ...' };
      const blamed: string[] = [...extraKeys];
      const unknowns: string[] = [];
      for (const [field, kind, value] of changes) {
        if (kind === 'absent') delete news[field];
        else news[field] = value;
        if (kind === 'invalid') blamed.push(field);
        if (kind === 'unknown') unknowns.push(field);
        if ((kind === 'absent' || kind === 'null') && model.fields[field].absent === 'required') {
          blamed.push(field);
        }
      }
      for (const key of extraKeys) news[key] = extraValue;
      return { kind: 'mutated' as const, news, blamed, unknowns };
    });
}

/**
 * Anything the engine can send: not an object, an object of random keys, or random field
 * values. The runner builds inputs from protobuf values, so they are JSON-like: plain
 * objects and arrays of strings, numbers, booleans and nulls.
 */
function arbitrary(model: InputModel): fc.Arbitrary<Scenario> {
  const declared = Object.keys(model.fields);
  const randomFields = fc.dictionary(fc.constantFrom(...declared), fc.anything({ maxDepth: 2 }));
  return fc
    .oneof(fc.anything({ maxDepth: 2 }), fc.object({ maxDepth: 2 }), randomFields)
    .map((news) => ({ kind: 'arbitrary' as const, news }));
}

/** The scenario mix of one resource: mostly targeted, some cross-field, some noise. */
export function scenarios(model: InputModel): fc.Arbitrary<Scenario> {
  const parts: { weight: number; arbitrary: fc.Arbitrary<Scenario> }[] = [
    { weight: 7, arbitrary: mutated(model) },
    { weight: 2, arbitrary: arbitrary(model) },
  ];
  if (model.crossFieldViolations) {
    parts.push({
      weight: 1,
      arbitrary: model.crossFieldViolations.map(({ news, blamed }) => ({
        kind: 'cross-field' as const,
        news,
        blamed: [blamed],
      })),
    });
  }
  return fc.oneof(...parts);
}

/** Values that are not strings, for fields that must be one. */
export const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant(['a']),
  fc.double({ noNaN: false }),
);
