/**
 * The value the Pulumi engine puts in place of a not-yet-known input during preview
 * (an output of a resource that does not exist yet). `check` and `diff` receive it as a
 * plain string; `create` and `update` never do.
 * See https://github.com/pulumi/pulumi/issues/6310 and `unknownValue` in
 * `@pulumi/pulumi/runtime/rpc`.
 */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** True when the value itself is the preview-time unknown. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value is unknown or holds an unknown anywhere inside it. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).some(containsUnknown);
  }
  return false;
}

/**
 * True when `path` (as zod reports it) leads through or to an unknown value inside `root`:
 * a validation issue below an unknown says nothing about what the user will pass.
 */
export function pathHitsUnknown(root: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let current: unknown = root;
  if (isUnknown(current)) return true;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<PropertyKey, unknown>)[key];
    if (isUnknown(current)) return true;
  }
  return false;
}
