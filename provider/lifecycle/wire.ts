/**
 * Makes a result safe for the runner's `Struct.fromJavaScript`: `undefined` cannot be
 * encoded ("Unexpected struct type", pulumi/pulumi#3012), so keys holding it are dropped,
 * also inside nested objects; `undefined` array items become `null`.
 */
export function toWire<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item) => (item === undefined ? null : toWire(item))) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) out[key] = toWire(item);
    }
    return out as T;
  }
  return value;
}
