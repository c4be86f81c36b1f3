import { isMasked } from './secrets';
import { containsUnknown } from './unknown';

/** How one declared input is compared between the last outputs and the new inputs. */
export interface FieldRule {
  /** A change needs a new remote object (the API cannot modify it in place). */
  replace?: boolean;
  /** The value is a list whose order means nothing (compared as a multiset). */
  set?: boolean;
  /** Canonical form applied to both sides before comparing (for example, sort nested lists). */
  normalize?: (value: unknown) => unknown;
  /**
   * The remote side fills the field when it is not given (for example a default resource
   * group). When the new input leaves it unset, whatever the remote chose is accepted.
   */
  serverDefault?: boolean;
}

/** The declared inputs of a resource type and how each is compared. */
export interface DiffSpec {
  fields: Record<string, FieldRule>;
  /**
   * Whether the old object must go before the new one is created, given the fields that
   * force a replacement. Needed when the replacement would collide with the old object's
   * identity (for example an OOS chat configuration whose type changes but whose name stays).
   */
  deleteBeforeReplace?: (
    replaces: ReadonlyArray<string>,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ) => boolean;
}

/** What changed, in the form the dynamic provider runner expects from `diff`. */
export interface DiffOutcome {
  changes: boolean;
  /** Every declared field that differs, in declaration order. */
  changed: string[];
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Compares the declared fields only (never `__provider`, never output-only fields):
 * an unknown is a change, a masked old value is never compared (the last applied value is
 * what state holds, so a mask in state means "not knowable"), `null` equals "not set",
 * sets compare as sets, and fields marked `replace` land in `replaces`.
 */
export function diffFields(
  spec: DiffSpec,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffOutcome {
  const changed: string[] = [];
  const replaces: string[] = [];
  for (const [field, rule] of Object.entries(spec.fields)) {
    if (!fieldChanged(rule, olds[field], news[field])) continue;
    changed.push(field);
    if (rule.replace) replaces.push(field);
  }
  const deleteBeforeReplace =
    replaces.length > 0 && (spec.deleteBeforeReplace?.(replaces, olds, news) ?? false);
  return { changes: changed.length > 0, changed, replaces, deleteBeforeReplace };
}

function fieldChanged(rule: FieldRule, oldValue: unknown, newValue: unknown): boolean {
  if (containsUnknown(newValue)) return true;
  if (rule.serverDefault && (newValue === undefined || newValue === null)) return false;
  const normalize = rule.normalize ?? ((v: unknown) => v);
  const before = normalize(oldValue);
  const after = normalize(newValue);
  if (rule.set && Array.isArray(before) && Array.isArray(after)) {
    return !sameMultiset(before, after);
  }
  return !sameValue(before, after);
}

/** Deep equality where `null`/`undefined` are "not set" and a masked old value matches anything. */
export function sameValue(before: unknown, after: unknown): boolean {
  if (isMasked(before)) return true;
  if (before === undefined || before === null) return after === undefined || after === null;
  if (after === undefined || after === null) return false;
  if (Array.isArray(before) || Array.isArray(after)) {
    if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) {
      return false;
    }
    return before.every((item, i) => sameValue(item, after[i]));
  }
  if (typeof before === 'object' && typeof after === 'object') {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return before === after;
}

function sameMultiset(before: unknown[], after: unknown[]): boolean {
  if (before.length !== after.length) return false;
  const remaining = [...after];
  for (const item of before) {
    const index = remaining.findIndex((candidate) => sameValue(item, candidate));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}
