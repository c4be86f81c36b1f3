/**
 * Defensive readers for remote responses. Parts of the vendors' documentation are
 * machine-generated and disagree with the wire (docs/wire-facts.md), so every
 * field is read leniently: a missing or odd field degrades to `undefined`, never throws.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Parses JSON text; returns `undefined` for anything that is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A field that is either a JSON string or the already-decoded value. */
export function jsonField(value: unknown): unknown {
  return typeof value === 'string' ? tryParseJson(value) : value;
}

/**
 * A flat string map from a JSON object (or its text). Non-string values are kept as
 * their JSON text so nothing is silently lost.
 */
export function stringRecord(value: unknown): Record<string, string> {
  const obj = jsonField(value);
  const out: Record<string, string> = {};
  if (!isObject(obj)) return out;
  for (const [key, inner] of Object.entries(obj)) {
    if (inner === undefined || inner === null) continue;
    out[key] = typeof inner === 'string' ? inner : JSON.stringify(inner);
  }
  return out;
}

/**
 * A list of ids given as a JSON array (`["1","2"]`, `[1,2]`), as its text, or as a
 * comma-separated string (`"1,2"`): Security Center's GroupIdList comes back all three
 * ways (docs/wire-facts.md section 1b).
 */
export function idList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map(asString).filter((s): s is string => s !== undefined && s.trim() !== '');
  }
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    const parsed = tryParseJson(trimmed);
    if (Array.isArray(parsed)) return idList(parsed);
    return idList(trimmed.replace(/^\[|\]$/g, '').replace(/["']/g, ''));
  }
  return trimmed
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A timestamp as ISO 8601 UTC. Accepts `2025-12-26T09:53:02+00:00`,
 * `2025-12-23T10:16:37.178097` (no offset, taken as UTC: the APIs speak UTC), epoch
 * milliseconds and `2025-12-26 09:53:02`. Unparseable text is returned unchanged.
 */
export function remoteDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value).toISOString();
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d{12,}$/.test(text)) return new Date(Number(text)).toISOString();
  const match =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (!match) return text;
  const [, day, time, fraction, zone] = match;
  const millis = fraction ? `.${fraction.padEnd(3, '0').slice(0, 3)}` : '';
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  const parsed = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}${millis}${offset}`);
  return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
}

function normaliseOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise: keeps optional fields absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
