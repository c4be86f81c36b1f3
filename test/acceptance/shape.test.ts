import { diffShapes, shapeOf, shapeOfText } from './shape';

describe('shapes hold names and types, never values', () => {
  test('a value becomes its field names and JSON types, JSON in strings included', () => {
    const shape = shapeOf({ Name: 'secret-name', Count: 3, Outputs: '{"URL":"https://x"}' });
    expect(JSON.stringify(shape)).not.toMatch(/secret-name|https|3/);
    expect(shape).toEqual({
      type: 'object',
      fields: {
        Count: { type: 'number' },
        Name: { type: 'string' },
        Outputs: {
          type: 'json-string',
          shape: { type: 'object', fields: { URL: { type: 'string' } } },
        },
      },
    });
  });

  test('a body that is not JSON is said to be so', () => {
    expect(shapeOfText('<html>denied</html>')).toEqual({ type: 'non-json' });
  });

  test('every difference is listed by path', () => {
    const target = shapeOf({ a: 1, b: 'x', list: [{ id: 1 }], only: true });
    const emulator = shapeOf({ a: '1', b: 'x', list: [{ id: 1, extra: null }] });
    expect(diffShapes(target, emulator)).toEqual([
      { path: '$.a', target: 'number', emulator: 'string' },
      { path: '$.list[].extra', target: 'missing', emulator: 'null' },
      { path: '$.only', target: 'boolean', emulator: 'missing' },
    ]);
  });

  test('an empty array says nothing about its elements', () => {
    expect(diffShapes(shapeOf({ l: [] }), shapeOf({ l: [{ a: 1 }] }))).toEqual([]);
  });
});
