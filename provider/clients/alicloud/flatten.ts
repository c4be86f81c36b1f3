/**
 * RPC parameters travel flat in the query string: arrays and objects are expanded with
 * 1-based indexes (`Filters.1.Name`), nulls are dropped, numbers and booleans become
 * strings (docs/wire-facts.md section 1). Strings that already hold JSON
 * (`Configuration`, `ConfigList`, `GroupIdList`) are passed as strings and sent verbatim.
 */
export function flattenParameters(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) flattenInto(out, key, value);
  return out;
}

function flattenInto(out: Record<string, string>, prefix: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flattenInto(out, `${prefix}.${index + 1}`, item));
    return;
  }
  if (value instanceof Date) {
    out[prefix] = value.toISOString();
    return;
  }
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      flattenInto(out, `${prefix}.${key}`, inner);
    }
    return;
  }
  out[prefix] = String(value);
}
