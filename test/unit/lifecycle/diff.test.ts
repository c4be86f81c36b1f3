import { diffFields, type DiffSpec } from '../../../provider/lifecycle/diff';
import { MASK } from '../../../provider/lifecycle/secrets';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

const spec: DiffSpec = {
  fields: {
    name: { replace: true },
    type: { replace: true },
    secret: {},
    groupIds: { set: true },
    settings: {},
    resourceGroupId: { serverDefault: true },
    config: {
      set: true,
      normalize: (v) =>
        Array.isArray(v) ? v.map((e) => ({ ...e, values: [...e.values].sort() })) : v,
    },
  },
  deleteBeforeReplace: (replaces) => !replaces.includes('name'),
};

const base = {
  name: 'ops',
  type: 'DingTalk',
  secret: 's3cret',
  groupIds: ['1', '2'],
  settings: { a: 'x', b: 'y' },
  resourceGroupId: 'rg-1',
  config: [{ type: 't', values: ['a', 'b'] }],
};

describe('diffFields', () => {
  it('reports no change for equal declared fields, whatever else differs', () => {
    const olds = { ...base, __provider: 'old text', webhookUrl: 'https://x', adopt: false };
    const news = { ...base, __provider: 'new text', adopt: true };
    expect(diffFields(spec, olds, news)).toEqual({
      changes: false,
      changed: [],
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it('compares sets as sets', () => {
    expect(diffFields(spec, base, { ...base, groupIds: ['2', '1'] }).changes).toBe(false);
    expect(diffFields(spec, base, { ...base, groupIds: ['1', '3'] }).changed).toEqual(['groupIds']);
    expect(diffFields(spec, base, { ...base, groupIds: ['1', '2', '2'] }).changed).toEqual([
      'groupIds',
    ]);
  });

  it('applies normalize before comparing', () => {
    const news = { ...base, config: [{ type: 't', values: ['b', 'a'] }] };
    expect(diffFields(spec, base, news).changes).toBe(false);
  });

  it('never compares a masked old value with the desired one', () => {
    const olds = { ...base, secret: MASK, settings: { a: 'x', b: MASK } };
    const news = { ...base, secret: 'another', settings: { a: 'x', b: 'anything' } };
    expect(diffFields(spec, olds, news).changes).toBe(false);
    expect(diffFields(spec, olds, { ...news, settings: { a: 'changed', b: 'z' } }).changed).toEqual(
      ['settings'],
    );
  });

  it('treats an unknown anywhere in a new value as a change', () => {
    expect(diffFields(spec, base, { ...base, secret: UNKNOWN }).changed).toEqual(['secret']);
    expect(diffFields(spec, base, { ...base, groupIds: ['1', UNKNOWN] }).changed).toEqual([
      'groupIds',
    ]);
    const unknownName = diffFields(spec, base, { ...base, name: UNKNOWN });
    expect(unknownName.replaces).toEqual(['name']);
  });

  it('treats null and missing as the same', () => {
    const olds = { ...base, extra: undefined, settings: null };
    const news = { ...base, settings: undefined };
    expect(diffFields(spec, olds, news).changes).toBe(false);
  });

  it('accepts a server-chosen value when the input leaves it unset', () => {
    expect(diffFields(spec, base, { ...base, resourceGroupId: undefined }).changes).toBe(false);
    expect(diffFields(spec, base, { ...base, resourceGroupId: 'rg-2' }).changed).toEqual([
      'resourceGroupId',
    ]);
  });

  it('lists immutable fields as replaces and asks the spec about delete-before-replace', () => {
    const typeOnly = diffFields(spec, base, { ...base, type: 'WeChat' });
    expect(typeOnly).toMatchObject({
      changes: true,
      replaces: ['type'],
      deleteBeforeReplace: true,
    });
    const withName = diffFields(spec, base, { ...base, type: 'WeChat', name: 'ops2' });
    expect(withName).toMatchObject({ replaces: ['name', 'type'], deleteBeforeReplace: false });
    const inPlace = diffFields(spec, base, { ...base, secret: 'new' });
    expect(inPlace).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
