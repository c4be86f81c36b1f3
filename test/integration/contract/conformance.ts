import type { Encoding, FieldSpec, FieldType } from './fixture';

/**
 * Checks values against the contract's field specs. Two modes: `json` for JSON bodies
 * (types are JSON types), `query` for RPC and old-API query parameters (every leaf is a
 * string on the wire, so an `integer` is a string of digits).
 */

export type Mode = 'json' | 'query';

/** A path into a message: property names, `[]` for array items, `<json>` for decoded JSON text. */
export type Path = string[];

export const ITEM = '[]';
export const JSON_CONTENT = '<json>';

export function formatPath(path: Path): string {
  return path.reduce(
    (out, seg) =>
      seg === ITEM || seg === JSON_CONTENT || out === '' ? out + seg : `${out}.${seg}`,
    '',
  );
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesType(type: FieldType, value: unknown, mode: Mode): boolean {
  if (mode === 'query' && typeof value === 'string') {
    switch (type) {
      case 'string':
        return true;
      case 'integer':
        return /^-?\d+$/.test(value);
      case 'number':
        return value.trim() !== '' && Number.isFinite(Number(value));
      case 'boolean':
        return value === 'true' || value === 'false';
      default:
        return false;
    }
  }
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

/** The kind of a value, never its content: answers carry webhook tokens and secrets. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function checkEncoding(encoding: Encoding, spec: FieldSpec, text: string, path: Path): string[] {
  switch (encoding) {
    case 'json-string': {
      let decoded: unknown;
      try {
        decoded = JSON.parse(text) as unknown;
      } catch {
        return [`${formatPath(path)}: expected JSON text`];
      }
      return spec.json ? checkValue(spec.json, decoded, [...path, JSON_CONTENT], 'json') : [];
    }
    case 'comma-separated':
      return /^\s*[^,\s[\]"]+(\s*,\s*[^,\s[\]"]+)*\s*$|^\s*$/.test(text)
        ? []
        : [`${formatPath(path)}: expected a comma-separated list`];
    case 'flat':
      return [];
  }
}

/** The value's own type only, not its members (each member read is judged on its own). */
export function checkType(spec: FieldSpec, value: unknown, path: Path, mode: Mode): string[] {
  const types = asList(spec.type);
  return types.some((t) => matchesType(t, value, mode))
    ? []
    : [`${formatPath(path)}: expected ${types.join(' or ')}, got ${describe(value)}`];
}

/** Problems of `value` against `spec`; empty when it conforms. */
export function checkValue(spec: FieldSpec, value: unknown, path: Path, mode: Mode): string[] {
  const types = asList(spec.type);
  const type = types.find((t) => matchesType(t, value, mode));
  if (type === undefined) {
    return [`${formatPath(path)}: expected ${types.join(' or ')}, got ${describe(value)}`];
  }
  if (type === 'string' && typeof value === 'string') {
    const encodings = asList(spec.encoding).filter((e) => e !== 'flat');
    if (encodings.length === 0) return [];
    const outcomes = encodings.map((e) => checkEncoding(e, spec, value, path));
    return outcomes.some((problems) => problems.length === 0) ? [] : outcomes.flat();
  }
  if (type === 'array' && Array.isArray(value)) {
    if (!spec.items) return [];
    return value.flatMap((item) => checkValue(spec.items!, item, [...path, ITEM], mode));
  }
  if (type === 'object' && isPlainObject(value)) {
    return checkObject(spec.fields ?? {}, value, path, mode, spec.additionalFields);
  }
  return [];
}

/** Every key known, of the right type; every required key present. */
export function checkObject(
  fields: Record<string, FieldSpec>,
  value: Record<string, unknown>,
  path: Path,
  mode: Mode,
  additional?: FieldSpec,
): string[] {
  const problems: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const spec = fields[key] ?? additional;
    if (!spec) {
      problems.push(`${formatPath([...path, key])}: not in the contract`);
      continue;
    }
    problems.push(...checkValue(spec, inner, [...path, key], mode));
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && !(key in value)) {
      problems.push(`${formatPath([...path, key])}: required but absent`);
    }
  }
  return problems;
}

/** The spec a path leads to, or `undefined` when the contract has no such field. */
export function specAt(fields: Record<string, FieldSpec>, path: Path): FieldSpec | undefined {
  let spec: FieldSpec | undefined = { type: 'object', fields };
  for (const seg of path) {
    if (!spec) return undefined;
    if (seg === ITEM) spec = spec.items;
    else if (seg === JSON_CONTENT) spec = spec.json;
    else spec = spec.fields?.[seg] ?? spec.additionalFields;
  }
  return spec;
}

/**
 * Turns flattened RPC query names (`Filters.1.Name`) back into the structure they encode:
 * numeric segments are 1-based array indexes.
 */
export function unflatten(query: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    const segments = name.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    segments.forEach((seg, i) => {
      const last = i === segments.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(segments[i + 1]);
      const key: string | number = Array.isArray(node) ? Number(seg) - 1 : seg;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      container[key] ??= nextIsIndex ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}
