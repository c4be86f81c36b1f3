import type { ParamPairs } from '../http/query-string';
import { invalidField } from './errors';

/** Parameters the V1 signature adds; they are not business parameters. */
const COMMON_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
]);

/** Business parameters of an RPC call: the query plus a form body, common ones removed. */
export function businessParams(query: ParamPairs, form: ParamPairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of [...query, ...form]) {
    if (!COMMON_PARAMETERS.has(name)) out[name] = value;
  }
  return out;
}

/**
 * Reads an array of objects flattened 1-based (`Filters.1.Name=..&Filters.1.Value=..`),
 * or sent as one JSON string (`Filters=[{"Name":..}]`) as some clients do.
 */
export function objectList(params: Record<string, string>, name: string): Record<string, string>[] {
  if (params[name] !== undefined) {
    try {
      const parsed: unknown = JSON.parse(params[name]);
      if (Array.isArray(parsed)) {
        return parsed.map((item) =>
          Object.fromEntries(
            Object.entries((item ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          ),
        );
      }
    } catch {
      // fall through to the error below
    }
    throw invalidField('InvalidParameter', name, 'expected a list of objects');
  }
  const items = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${name}\\.(\\d+)\\.(.+)$`);
  for (const [key, value] of Object.entries(params)) {
    const m = pattern.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    if (!items.has(index)) items.set(index, {});
    items.get(index)![m[2]] = value;
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

/** An optional integer parameter within bounds. */
export function integerParam(
  params: Record<string, string>,
  name: string,
  bounds: { min: number; max: number; prefix: 'InvalidParameter' | 'InvalidParam' },
): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw invalidField(
      bounds.prefix,
      name,
      `expected an integer from ${bounds.min} to ${bounds.max}`,
    );
  }
  return value;
}
