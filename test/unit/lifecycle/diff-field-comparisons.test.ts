import { diffFields, sameValue } from '../../../provider/lifecycle/diff';
import { MASK } from '../../../provider/lifecycle/secrets';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

describe('diffFields', () => {
  it('lists every changed field in declaration order, replaces among them', () => {
    const spec = { fields: { a: {}, b: { replace: true }, c: {}, d: { replace: true } } };
    expect(diffFields(spec, { a: 1, b: 1, c: 1, d: 1 }, { a: 2, b: 1, c: 2, d: 2 })).toEqual({
      changes: true,
      changed: ['a', 'c', 'd'],
      replaces: ['d'],
      deleteBeforeReplace: false,
    });
  });

  it('asks about delete-before-replace only when something is replaced', () => {
    const asked: unknown[] = [];
    const spec = {
      fields: { name: { replace: true }, size: {} },
      deleteBeforeReplace: (replaces: ReadonlyArray<string>) => {
        asked.push([...replaces]);
        return true;
      },
    };
    expect(
      diffFields(spec, { name: 'a', size: 1 }, { name: 'a', size: 2 }).deleteBeforeReplace,
    ).toBe(false);
    expect(asked).toEqual([]);
    expect(diffFields(spec, { name: 'a' }, { name: 'b' }).deleteBeforeReplace).toBe(true);
    expect(asked).toEqual([['name']]);
  });

  it('compares a set as a multiset: the same items in any order, duplicates counted', () => {
    const spec = { fields: { members: { set: true } } };
    expect(
      diffFields(spec, { members: ['a', 'b', 'a'] }, { members: ['a', 'a', 'b'] }).changes,
    ).toBe(false);
    expect(
      diffFields(spec, { members: ['a', 'b', 'b'] }, { members: ['a', 'a', 'b'] }).changes,
    ).toBe(true);
    expect(diffFields(spec, { members: ['a', 'b'] }, { members: ['a', 'b', 'c'] }).changes).toBe(
      true,
    );
    expect(diffFields(spec, { members: ['a'] }, { members: ['c'] }).changes).toBe(true);
  });

  it('compares a list that is not a set in order', () => {
    const spec = { fields: { steps: {} } };
    expect(diffFields(spec, { steps: ['a', 'b'] }, { steps: ['b', 'a'] }).changes).toBe(true);
  });

  it('compares a set field holding something else than lists by value', () => {
    const spec = { fields: { members: { set: true } } };
    expect(diffFields(spec, { members: 'a' }, { members: 'a' }).changes).toBe(false);
    expect(diffFields(spec, { members: ['a'] }, { members: 'a' }).changes).toBe(true);
  });

  it('sees a server default given back as unset, but not a new value', () => {
    const spec = { fields: { group: { serverDefault: true } } };
    expect(diffFields(spec, { group: 'rg-default' }, { group: null }).changes).toBe(false);
    expect(diffFields(spec, { group: 'rg-default' }, {}).changes).toBe(false);
    expect(diffFields(spec, { group: 'rg-default' }, { group: 'rg-other' }).changes).toBe(true);
  });

  it('sees an unknown as a change even for a server default', () => {
    const spec = { fields: { group: { serverDefault: true } } };
    expect(diffFields(spec, { group: 'rg' }, { group: UNKNOWN }).changes).toBe(true);
  });
});

describe('sameValue', () => {
  it('treats null and undefined alike, and neither like a value', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(undefined, 0)).toBe(false);
    expect(sameValue(null, '')).toBe(false);
    expect(sameValue(0, undefined)).toBe(false);
    expect(sameValue('', null)).toBe(false);
  });

  it('compares lists item by item, and a list never equals a non-list', () => {
    expect(sameValue([1, [2, 3]], [1, [2, 3]])).toBe(true);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue([1, 2], [1, 3])).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue({ 0: 1 }, [1])).toBe(false);
  });

  it('compares objects key by key, a missing key as unset', () => {
    expect(sameValue({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameValue({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
    expect(sameValue({ a: { b: 1 } }, { a: null })).toBe(false);
    expect(sameValue({ a: 1 }, null)).toBe(false);
  });

  it('compares primitives strictly', () => {
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue('a', 'a')).toBe(true);
    expect(sameValue({ a: 1 }, 'a')).toBe(false);
    expect(sameValue(1, 2)).toBe(false);
    expect(sameValue(true, false)).toBe(false);
    expect(sameValue({}, '')).toBe(false);
    expect(sameValue({}, 0)).toBe(false);
  });

  it('takes a masked old value as equal to anything, also inside objects', () => {
    expect(sameValue(MASK, 'new-secret')).toBe(true);
    expect(sameValue({ secret: MASK, id: 1 }, { secret: 'new', id: 1 })).toBe(true);
    expect(sameValue({ secret: MASK, id: 1 }, { secret: 'new', id: 2 })).toBe(false);
  });
});
