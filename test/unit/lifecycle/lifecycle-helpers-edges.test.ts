import { PartialFailure } from '../../../provider/errors';
import { failuresForEngine } from '../../../provider/lifecycle/engine-failures';
import { partialFailure } from '../../../provider/lifecycle/partial-failure';
import { formatPropertyPath } from '../../../provider/lifecycle/property-path';
import {
  isMasked,
  liveOrLastApplied,
  MASK,
  mergeMaskedMap,
  withoutKeys,
} from '../../../provider/lifecycle/secrets';
import { containsUnknown, pathHitsUnknown, UNKNOWN } from '../../../provider/lifecycle/unknown';
import { toWire } from '../../../provider/lifecycle/wire';

describe('property paths as users write them', () => {
  it('joins names with dots and indexes with brackets', () => {
    expect(formatPropertyPath(['config', 0, 'items', 12, 'key'])).toBe('config[0].items[12].key');
  });

  it('quotes a key that is not an identifier, also as the first one', () => {
    expect(formatPropertyPath(['weComSettings', 'odd key'])).toBe('weComSettings["odd key"]');
    expect(formatPropertyPath(['1st', 'x'])).toBe('["1st"].x');
    expect(formatPropertyPath(['a-b'])).toBe('["a-b"]');
    expect(formatPropertyPath(['tag!'])).toBe('["tag!"]');
    expect(formatPropertyPath(['_ok', '$ok', 'Ok9'])).toBe('_ok.$ok.Ok9');
  });

  it('writes a symbol key as its description in quotes', () => {
    expect(formatPropertyPath(['a', Symbol('s')])).toBe('a["Symbol(s)"]');
  });

  it('writes nothing for the root', () => {
    expect(formatPropertyPath([])).toBe('');
  });
});

describe('unknown values', () => {
  it('are found at any depth of arrays and objects, and not elsewhere', () => {
    expect(containsUnknown({ a: [1, { b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown([[UNKNOWN]])).toBe(true);
    expect(containsUnknown({ known: 'x', later: UNKNOWN })).toBe(true);
    expect(containsUnknown({ a: [1, { b: 'known' }], c: null })).toBe(false);
    expect(containsUnknown('text')).toBe(false);
    expect(containsUnknown(null)).toBe(false);
  });

  it('hide the problems below them, not beside them', () => {
    const root = { list: [UNKNOWN, 'x'], nested: { deep: UNKNOWN }, empty: null };
    expect(pathHitsUnknown(root, ['list', 0, 'key'])).toBe(true);
    expect(pathHitsUnknown(root, ['nested', 'deep'])).toBe(true);
    expect(pathHitsUnknown(root, ['list', 1])).toBe(false);
    expect(pathHitsUnknown(root, ['empty', 'x'])).toBe(false);
    expect(pathHitsUnknown(root, ['list', 1, 'length'])).toBe(false);
    expect(pathHitsUnknown(UNKNOWN, [])).toBe(true);
    expect(pathHitsUnknown(root, [])).toBe(false);
  });
});

describe('masked secrets', () => {
  it('recognise the mask only in strings', () => {
    expect(isMasked(MASK)).toBe(true);
    expect(isMasked(`https://x/robot/send?access_token=${MASK}`)).toBe(true);
    expect(isMasked('*****')).toBe(false);
    expect(isMasked(['******'])).toBe(false);
  });

  it('keep the last applied value of a masked secret, and the live value otherwise', () => {
    expect(liveOrLastApplied(MASK, 'applied')).toBe('applied');
    expect(liveOrLastApplied('live', 'applied')).toBe('live');
    expect(liveOrLastApplied(MASK, undefined)).toBeUndefined();
  });

  it('drop a masked entry of a map that was never applied', () => {
    // Strictly: a key left holding `undefined` would still be a key of the map.
    expect(mergeMaskedMap({ a: MASK, b: 'live', c: MASK }, { a: 'applied-a' })).toStrictEqual({
      a: 'applied-a',
      b: 'live',
    });
    expect(mergeMaskedMap({ a: MASK, b: 'live' }, undefined)).toStrictEqual({ b: 'live' });
  });

  it('are left out of a copy by key', () => {
    expect(withoutKeys({ a: 1, secret: 2, b: 3 }, ['secret'])).toEqual({ a: 1, b: 3 });
  });
});

describe('check failures for the engine', () => {
  it('name the property once, and leave a failure without a property alone', () => {
    // Each failure, and the reason the engine gets for it (always without a property).
    const cases: Array<[{ property: string; reason: string }, string]> = [
      [{ property: 'name', reason: 'name: too long' }, 'name: too long'],
      [{ property: 'name', reason: 'too long' }, 'name: too long'],
      [{ property: '', reason: 'inputs disagree' }, 'inputs disagree'],
      [{ property: 'name', reason: 'names: too long' }, 'name: names: too long'],
    ];
    expect(failuresForEngine(cases.map(([failure]) => failure))).toEqual(
      cases.map(([, reason]) => ({ property: '', reason })),
    );
  });
});

describe('partial failures', () => {
  it('quote a cause that is not an Error as text', () => {
    const failure = partialFailure(
      'ChatConfiguration',
      'cn-hangzhou/bot',
      { name: 'bot' },
      [],
      'read-back refused',
    );
    expect(failure).toBeInstanceOf(PartialFailure);
    expect(failure.message).toBe(
      'ChatConfiguration cn-hangzhou/bot was applied, but finishing the operation failed: read-back refused. It stays in the stack; run the update again to complete it.',
    );
    expect(failure.id).toBe('cn-hangzhou/bot');
    expect(failure.properties).toEqual({ name: 'bot' });
  });
});

describe('results for the wire', () => {
  it('keep primitives, nulls and nested arrays, dropping only undefined', () => {
    expect(toWire('text')).toBe('text');
    expect(toWire(null)).toBeNull();
    // Strictly: the runner's struct encoding fails on a key that holds `undefined`.
    expect(toWire([[undefined, 1], { a: [undefined] }])).toStrictEqual([[null, 1], { a: [null] }]);
    expect(toWire({ a: { b: { c: undefined, d: 0 } } })).toStrictEqual({ a: { b: { d: 0 } } });
    expect(Object.keys(toWire({ gone: undefined, kept: 1 }))).toEqual(['kept']);
  });
});
