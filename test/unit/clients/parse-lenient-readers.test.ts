import {
  asArray,
  asNumber,
  asObject,
  asString,
  idList,
  isObject,
  jsonField,
  optional,
  remoteDate,
  stringRecord,
  tryParseJson,
} from '../../../provider/clients/parse';
import { NON_UTC_ZONES, useTimeZone } from '../helpers/time-zone';

describe('lenient readers of remote answers', () => {
  it('take only plain objects as objects', () => {
    expect(isObject({ a: 1 })).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject('x')).toBe(false);
    expect(asObject({ a: 1 })).toEqual({ a: 1 });
    expect(asObject([1])).toEqual({});
    expect(asObject(undefined)).toEqual({});
  });

  it('read numbers and booleans as text, and nothing else', () => {
    expect(asString('id-1')).toBe('id-1');
    expect(asString(42)).toBe('42');
    expect(asString(false)).toBe('false');
    expect(asString(null)).toBeUndefined();
    expect(asString({})).toBeUndefined();
  });

  it('read numeric text as a number, and refuse blanks and infinities', () => {
    expect(asNumber(3)).toBe(3);
    expect(asNumber(' 12 ')).toBe(12);
    expect(asNumber('')).toBeUndefined();
    expect(asNumber('   ')).toBeUndefined();
    expect(asNumber('abc')).toBeUndefined();
    expect(asNumber('Infinity')).toBeUndefined();
    expect(asNumber(Infinity)).toBeUndefined();
    expect(asNumber(NaN)).toBeUndefined();
    expect(asNumber(true)).toBeUndefined();
  });

  it('read a list only from a list', () => {
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asArray({ 0: 1 })).toEqual([]);
  });

  it('parse JSON text, and give nothing for other text', () => {
    expect(tryParseJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(tryParseJson('not json')).toBeUndefined();
    expect(jsonField('{"a":1}')).toEqual({ a: 1 });
    expect(jsonField({ a: 1 })).toEqual({ a: 1 });
  });

  it('make a flat string map, keeping other values as JSON and dropping empty ones', () => {
    expect(stringRecord('{"a":"x","b":2,"c":{"d":true},"e":null}')).toEqual({
      a: 'x',
      b: '2',
      c: '{"d":true}',
    });
    expect(stringRecord({ a: 'x', b: undefined })).toEqual({ a: 'x' });
    expect(stringRecord('[1,2]')).toEqual({});
    expect(stringRecord('garbage')).toEqual({});
  });

  it('leave no key behind for a value that is undefined or null', () => {
    expect(stringRecord({ a: 'x', b: undefined, c: null })).toStrictEqual({ a: 'x' });
    expect(Object.keys(stringRecord({ b: undefined }))).toEqual([]);
  });

  it('keep an optional field absent when it has no value', () => {
    expect(optional('name', 'bot')).toEqual({ name: 'bot' });
    expect(optional('name', undefined)).toEqual({});
    expect(optional('count', 0)).toEqual({ count: 0 });
    expect('name' in optional('name', undefined)).toBe(false);
    expect(optional('name', undefined)).toStrictEqual({});
  });
});

describe('idList: the three ways Security Center returns group ids', () => {
  it('reads a JSON array of strings or numbers, dropping blanks', () => {
    expect(idList(['1', 2, ' ', null])).toEqual(['1', '2']);
  });

  it('reads the JSON array as text', () => {
    expect(idList('["1","2"]')).toEqual(['1', '2']);
    expect(idList(' [3, 4] ')).toEqual(['3', '4']);
  });

  it('keeps an id with a comma and drops null when the text is a JSON array', () => {
    expect(idList('["a,b", null, 7]')).toEqual(['a,b', '7']);
  });

  it('reads a bracketed list that is not valid JSON', () => {
    expect(idList("['5', '6']")).toEqual(['5', '6']);
    expect(idList('[7,8')).toEqual(['7', '8']);
  });

  it('removes only the outer brackets of a list that is not valid JSON', () => {
    expect(idList("['x[1]', 'y']")).toEqual(['x[1]', 'y']);
  });

  it('reads a comma-separated string, trimming and dropping empty parts', () => {
    expect(idList(' 1, 2,,3 ')).toEqual(['1', '2', '3']);
  });

  it('reads a single number, and nothing from blanks or other values', () => {
    expect(idList(9)).toEqual(['9']);
    expect(idList('   ')).toEqual([]);
    expect(idList(undefined)).toEqual([]);
    expect(idList({ a: 1 })).toEqual([]);
  });
});

describe('remoteDate: timestamps as ISO 8601 UTC', () => {
  it('reads an offset, with or without a colon, and Z', () => {
    expect(remoteDate('2025-12-26T09:53:02+00:00')).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('2025-12-26T17:53:02+0800')).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('2025-12-26T09:53:02-02:30')).toBe('2025-12-26T12:23:02.000Z');
    expect(remoteDate('2025-12-26T09:53:02z')).toBe('2025-12-26T09:53:02.000Z');
  });

  it('takes a date without an offset as UTC, keeping milliseconds of any precision', () => {
    expect(remoteDate('2025-12-23T10:16:37.178097')).toBe('2025-12-23T10:16:37.178Z');
    expect(remoteDate('2025-12-23T10:16:37.5')).toBe('2025-12-23T10:16:37.500Z');
    expect(remoteDate(' 2025-12-26 09:53:02 ')).toBe('2025-12-26T09:53:02.000Z');
  });

  it('reads a time without seconds', () => {
    expect(remoteDate('2025-12-26 09:53')).toBe('2025-12-26T09:53:00.000Z');
  });

  it('reads epoch milliseconds as a number or as long digit text', () => {
    expect(remoteDate(1766742782000)).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('1766742782000')).toBe('2025-12-26T09:53:02.000Z');
  });

  it('returns text it cannot read unchanged, and nothing for no value', () => {
    expect(remoteDate('yesterday')).toBe('yesterday');
    expect(remoteDate('20251226')).toBe('20251226');
    expect(remoteDate('2025-13-45T99:99:99')).toBe('2025-13-45T99:99:99');
    expect(remoteDate('')).toBeUndefined();
    expect(remoteDate('  ')).toBeUndefined();
    expect(remoteDate(NaN)).toBeUndefined();
    expect(remoteDate(null)).toBeUndefined();
  });

  it('returns text with anything before or after the digits or the date unchanged', () => {
    expect(remoteDate('x1766742782000')).toBe('x1766742782000');
    expect(remoteDate('1766742782000x')).toBe('1766742782000x');
    expect(remoteDate('x2025-12-26T09:53:02Z')).toBe('x2025-12-26T09:53:02Z');
    expect(remoteDate('2025-12-26T09:53:02Zjunk')).toBe('2025-12-26T09:53:02Zjunk');
  });
});

describe.each(NON_UTC_ZONES)('remoteDate on a machine in %s', (zone, minutesBehindUtc) => {
  useTimeZone(zone, minutesBehindUtc);

  it('still takes a date without an offset, or with Z, as UTC', () => {
    expect(remoteDate('2025-12-26T09:53:02')).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('2025-12-26 09:53')).toBe('2025-12-26T09:53:00.000Z');
    expect(remoteDate('2025-12-23T10:16:37.178097')).toBe('2025-12-23T10:16:37.178Z');
    expect(remoteDate('2025-12-26T09:53:02Z')).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('2025-12-26T09:53:02z')).toBe('2025-12-26T09:53:02.000Z');
  });

  it('reads an offset the same as on a machine in UTC', () => {
    expect(remoteDate('2025-12-26T17:53:02+0800')).toBe('2025-12-26T09:53:02.000Z');
    expect(remoteDate('2025-12-26 04:53:02-05:00')).toBe('2025-12-26T09:53:02.000Z');
  });
});
