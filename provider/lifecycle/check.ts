import type { z } from 'zod';
import { formatPropertyPath } from './property-path';
import { isUnknown, pathHitsUnknown } from './unknown';

/** One problem with one property, as the engine shows it to the user. */
export interface CheckFailure {
  /** Path of the offending property, for example `name` or `config[0].items[1].key`. */
  property: string;
  /** What is wrong and what is allowed; never contains the value itself (it may be secret). */
  reason: string;
}

/** Validated inputs (defaults applied) plus one failure per bad property. */
export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/**
 * Cross-field rules (for example "clientId is required when type is DingTalk"). They run
 * only when every field passed on its own, on the normalised inputs, and must let unknown
 * values through.
 */
export type CrossFieldRule = (inputs: Record<string, unknown>) => CheckFailure[];

/** Keys the runner adds to every input bag; they are not user properties. */
const RESERVED_KEYS = new Set(['__provider']);

/**
 * Validates `news` against an object schema, field by field, so that:
 * - every bad property yields exactly one failure that names it and says what is allowed;
 * - a preview-time unknown is accepted anywhere (a top-level unknown is kept as is; issues
 *   inside a partly unknown value are ignored);
 * - defaults are applied, so the diff never flaps between "unset" and "default";
 * - `null` counts as "not set" (the engine sends it for explicitly undefined inputs);
 * - properties the schema does not declare are reported, not silently dropped.
 * It never throws on bad input and never makes a network call.
 */
export function checkInputs(
  schema: z.ZodObject,
  news: unknown,
  crossFieldRules: CrossFieldRule[] = [],
): CheckOutcome {
  const bag: Record<string, unknown> =
    news !== null && typeof news === 'object' && !Array.isArray(news)
      ? (news as Record<string, unknown>)
      : {};
  const shape = schema.shape as Record<string, z.ZodType>;
  const declared = Object.keys(shape);
  const inputs: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];

  for (const key of Object.keys(bag)) {
    if (RESERVED_KEYS.has(key) || Object.prototype.hasOwnProperty.call(shape, key)) continue;
    failures.push({
      property: key,
      reason: `${key}: unknown property; allowed properties are ${declared.join(', ')}`,
    });
  }

  for (const key of declared) {
    const raw = bag[key] === null ? undefined : bag[key];
    if (isUnknown(raw)) {
      inputs[key] = raw;
      continue;
    }
    const result = shape[key].safeParse(raw);
    if (result.success) {
      if (result.data !== undefined) inputs[key] = result.data;
      continue;
    }
    if (raw !== undefined) inputs[key] = raw;
    failures.push(...issuesToFailures(key, raw, result.error.issues));
  }

  if (failures.length === 0) {
    for (const rule of crossFieldRules) failures.push(...rule(inputs));
  }
  return { inputs, failures };
}

/** Groups the issues of one top-level field into one failure per property path. */
function issuesToFailures(
  key: string,
  raw: unknown,
  issues: ReadonlyArray<z.core.$ZodIssue>,
): CheckFailure[] {
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    if (pathHitsUnknown(raw, issue.path)) continue;
    for (const [path, message] of describeIssue(issue, raw)) {
      const property = formatPropertyPath([key, ...path]);
      const messages = byPath.get(property) ?? [];
      if (!messages.includes(message)) messages.push(message);
      byPath.set(property, messages);
    }
  }
  return [...byPath].map(([property, messages]) => ({
    property,
    reason: `${property}: ${messages.join('; ')}`,
  }));
}

/**
 * Turns one zod issue into (path, message) pairs. zod's own messages name the expected
 * type, range or options and only the received *type*, never the value, which keeps
 * secrets out of failures. Unrecognised keys of nested objects become one failure each.
 */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Array<[PropertyKey[], string]> {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => [[...path, k], 'unknown property']);
  }
  // zod's default wording for a missing value ("Invalid input: expected string, received
  // undefined", or just "Invalid input" for a choice of types) reads badly; a schema's own
  // message for the case is kept.
  if (valueAt(raw, path) === undefined && issue.message.startsWith('Invalid input')) {
    return [
      [
        path,
        issue.code === 'invalid_type' ? `is required (expected ${issue.expected})` : 'is required',
      ],
    ];
  }
  if (issue.code === 'invalid_key') {
    return [[path, `invalid key: ${issue.issues.map((i) => i.message).join('; ')}`]];
  }
  return [[path, issue.message]];
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
