import { AlreadyExists, PartialFailure } from '../../../provider/errors';
import { partialFailure } from '../../../provider/lifecycle/partial-failure';
import { parseRemoteDate } from '../../../provider/clients/alicloud/remote-date';
import * as secrets from '../../../provider/lifecycle/secrets';
import { toWire } from '../../../provider/lifecycle/wire';

describe('parseRemoteDate', () => {
  it('reads both documented OOS shapes, an offset-less date as UTC', () => {
    expect(parseRemoteDate('2025-12-26T09:53:02+00:00')?.toISOString()).toBe(
      '2025-12-26T09:53:02.000Z',
    );
    expect(parseRemoteDate('2025-12-23T10:16:37.178097')?.toISOString()).toBe(
      '2025-12-23T10:16:37.178Z',
    );
    expect(parseRemoteDate('2025-12-26T09:53:02+08:00')?.toISOString()).toBe(
      '2025-12-26T01:53:02.000Z',
    );
  });

  it('returns undefined for what is not a date', () => {
    expect(parseRemoteDate(undefined)).toBeUndefined();
    expect(parseRemoteDate('')).toBeUndefined();
    expect(parseRemoteDate('yesterday')).toBeUndefined();
  });
});

describe('secret helpers', () => {
  it('recognises masked values, whole or inside a URL', () => {
    expect(secrets.isMasked('******')).toBe(true);
    expect(secrets.isMasked('https://x/send?access_token=******')).toBe(true);
    expect(secrets.isMasked('plain')).toBe(false);
    expect(secrets.isMasked(undefined)).toBe(false);
  });

  it('keeps the last applied value only where the live one is masked', () => {
    expect(secrets.liveOrLastApplied('******', 'applied')).toBe('applied');
    expect(secrets.liveOrLastApplied('live', 'applied')).toBe('live');
    expect(secrets.mergeMaskedMap({ a: '1', b: '******', c: '******' }, { b: 'kept' })).toEqual({
      a: '1',
      b: 'kept',
    });
  });

  it('drops keys', () => {
    expect(secrets.withoutKeys({ a: 1, b: 2, c: 3 }, ['b'])).toEqual({ a: 1, c: 3 });
  });
});

describe('partialFailure', () => {
  it('carries id and properties for the runner but never the secret fields', () => {
    const error = partialFailure(
      'Thing',
      'r/x',
      { name: 'x', clientSecret: 'do-not-leak' },
      ['clientSecret'],
      new Error('read back failed'),
    );
    expect(error).toBeInstanceOf(PartialFailure);
    expect(error.id).toBe('r/x');
    expect(error.properties).toEqual({ name: 'x' });
    expect(error.message).toContain('read back failed');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('do-not-leak');
  });
});

describe('AlreadyExists', () => {
  it('tells the user to set adopt', () => {
    expect(new AlreadyExists('OOS chat configuration', 'cn-hangzhou/ops').message).toMatch(
      /cn-hangzhou\/ops already exists; set adopt: true/,
    );
  });
});

describe('toWire', () => {
  it('drops undefined values at any depth and keeps null', () => {
    expect(toWire({ a: undefined, b: null, c: { d: undefined, e: 1 }, f: [undefined, 2] })).toEqual(
      { b: null, c: { e: 1 }, f: [null, 2] },
    );
  });
});
