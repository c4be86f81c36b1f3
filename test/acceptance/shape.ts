/**
 * The SHAPE of a JSON value: field names and JSON types, recursively, never a value. This is
 * what the contract report holds, so that it can be shared without leaking secrets or data.
 */
export type Shape =
  | { type: 'string' | 'number' | 'boolean' | 'null' }
  /** A string that carries JSON (OOS `Configuration`, `Outputs`; Security Center `ConfigList`). */
  | { type: 'json-string'; shape: Shape }
  | { type: 'object'; fields: Record<string, Shape> }
  /** The distinct shapes of the elements, in first-seen order. */
  | { type: 'array'; items: Shape[] }
  /** A body that is not JSON at all (an HTML ban page, an empty answer). */
  | { type: 'non-json' };

export function shapeOf(value: unknown): Shape {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', items: distinct(value.map(shapeOf)) };
  switch (typeof value) {
    case 'string':
      return stringShape(value);
    case 'number':
    case 'boolean':
      return { type: typeof value as 'number' | 'boolean' };
    case 'object': {
      const fields: Record<string, Shape> = {};
      for (const key of Object.keys(value as object).sort()) {
        fields[key] = shapeOf((value as Record<string, unknown>)[key]);
      }
      return { type: 'object', fields };
    }
    default:
      return { type: 'null' };
  }
}

/** The shape of a response or request body as received: JSON text, or not JSON. */
export function shapeOfText(text: string): Shape {
  try {
    return shapeOf(JSON.parse(text));
  } catch {
    return { type: 'non-json' };
  }
}

/** Only objects and arrays count as embedded JSON: `"123"` stays a string. */
function stringShape(value: string): Shape {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { type: 'string' };
  try {
    return { type: 'json-string', shape: shapeOf(JSON.parse(trimmed)) };
  } catch {
    return { type: 'string' };
  }
}

function distinct(shapes: Shape[]): Shape[] {
  const seen = new Map<string, Shape>();
  for (const shape of shapes) seen.set(JSON.stringify(shape), shape);
  return [...seen.values()];
}

/** One place where two shapes disagree: a path of field names and what each side had. */
export interface ShapeDifference {
  path: string;
  target: string;
  emulator: string;
}

/** Every difference between the target's shape and the emulator's, as paths of names. */
export function diffShapes(target: Shape, emulator: Shape, path = '$'): ShapeDifference[] {
  if (target.type !== emulator.type) {
    return [{ path, target: label(target), emulator: label(emulator) }];
  }
  if (target.type === 'json-string' && emulator.type === 'json-string') {
    return diffShapes(target.shape, emulator.shape, `${path}(json)`);
  }
  if (target.type === 'object' && emulator.type === 'object') {
    const names = [...new Set([...Object.keys(target.fields), ...Object.keys(emulator.fields)])];
    return names.sort().flatMap((name) => {
      const a = target.fields[name];
      const b = emulator.fields[name];
      const at = `${path}.${name}`;
      if (a === undefined || b === undefined) {
        return [{ path: at, target: a ? label(a) : 'missing', emulator: b ? label(b) : 'missing' }];
      }
      return diffShapes(a, b, at);
    });
  }
  if (target.type === 'array' && emulator.type === 'array') {
    return diffArrays(target.items, emulator.items, `${path}[]`);
  }
  return [];
}

/**
 * Arrays compare by their element shapes. An empty side says nothing about the element
 * contract, so it is not a difference; two single-shape arrays compare field by field.
 */
function diffArrays(target: Shape[], emulator: Shape[], path: string): ShapeDifference[] {
  if (target.length === 0 || emulator.length === 0) return [];
  if (target.length === 1 && emulator.length === 1) return diffShapes(target[0], emulator[0], path);
  const key = (shapes: Shape[]) =>
    shapes
      .map((s) => JSON.stringify(s))
      .sort()
      .join('|');
  if (key(target) === key(emulator)) return [];
  return [
    { path, target: target.map(label).join(' | '), emulator: emulator.map(label).join(' | ') },
  ];
}

function label(shape: Shape): string {
  return shape.type;
}
