import { ITEM, JSON_CONTENT, type Path } from './conformance';

/**
 * Records which response fields the clients read. The clients parse every answer with
 * `JSON.parse`; while recording, a parse of exactly the text of a recorded answer returns
 * the same value behind a Proxy that logs each property the client looks at (and, for a
 * string it hands out, a later parse of that string: the JSON text fields such as
 * `Outputs` or `ConfigList`). Nothing else is wrapped, so the emulator's own parsing in
 * this process and the test's own code are left alone.
 */

export interface FieldRead {
  /** Which answer was read: the key given to `expect`. */
  answer: string;
  path: Path;
  /** The value found there (`undefined` for a field that is not in the answer). */
  value: unknown;
}

/** Properties every object has: reading them says nothing about the answer's fields. */
const NOT_FIELDS = new Set(['then', 'toJSON', 'constructor', 'length']);

export class ReadRecorder {
  readonly reads: FieldRead[] = [];
  private readonly expected = new Map<string, string>();
  private readonly handedOut = new Map<string, { answer: string; path: Path }>();
  private spy?: jest.SpyInstance;

  /** Starts wrapping `JSON.parse`; `stop()` restores it. */
  start(): void {
    const original = JSON.parse.bind(JSON);
    this.spy = jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?) => {
      const value = original(text, reviver) as unknown;
      const answer = this.expected.get(text);
      if (answer !== undefined) return this.wrap(value, answer, []);
      const nested = this.handedOut.get(text);
      if (nested !== undefined) {
        // Once: the client decodes each JSON text field once per answer.
        this.handedOut.delete(text);
        return this.wrap(value, nested.answer, [...nested.path, JSON_CONTENT]);
      }
      return value;
    });
  }

  stop(): void {
    this.spy?.mockRestore();
    this.spy = undefined;
  }

  /** The next parse of exactly this text is answer `answer`. */
  expect(text: string, answer: string): void {
    this.expected.set(text, answer);
  }

  private wrap(value: unknown, answer: string, path: Path): unknown {
    if (typeof value !== 'object' || value === null) return value;
    // Arrow functions keep `this`: the traps' own `this` is the handler object.
    const record = (p: Path, v: unknown) => this.record(answer, p, v);
    const wrap = (v: unknown, p: Path) => this.wrap(v, answer, p);
    return new Proxy(value as object, {
      get(target, prop, receiver) {
        const inner = Reflect.get(target, prop, receiver) as unknown;
        if (typeof prop === 'symbol' || NOT_FIELDS.has(prop)) return inner;
        if (Array.isArray(target)) {
          // Array methods and indexes: only the items are fields of the answer.
          return /^\d+$/.test(prop) ? wrap(inner, [...path, ITEM]) : inner;
        }
        if (!Object.prototype.hasOwnProperty.call(target, prop) && prop in Object.prototype) {
          return inner;
        }
        record([...path, prop], inner);
        return wrap(inner, [...path, prop]);
      },
      has(target, prop) {
        if (typeof prop === 'string' && !Array.isArray(target)) {
          record([...path, prop], Reflect.get(target, prop));
        }
        return Reflect.has(target, prop);
      },
    });
  }

  private record(answer: string, path: Path, value: unknown): void {
    this.reads.push({ answer, path, value });
    if (typeof value === 'string') this.handedOut.set(value, { answer, path });
  }
}
