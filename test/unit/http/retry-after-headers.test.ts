import { parseRetryAfter } from '../../../provider/http/backoff';

const now = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter: Alibaba Cloud x-acs-retry-after', () => {
  it('reads seconds with surrounding spaces', () => {
    expect(parseRetryAfter({ 'x-acs-retry-after': ' 2 ' }, now)).toBe(2000);
  });

  it('reads zero as no wait', () => {
    expect(parseRetryAfter({ 'x-acs-retry-after': '0', 'retry-after': '9' }, now)).toBe(0);
  });

  it.each([
    ['blank', '  '],
    ['negative', '-1'],
    ['not a number', 'soon'],
    ['infinite', 'Infinity'],
  ])('falls back to Retry-After when the value is %s', (_what, value) => {
    expect(parseRetryAfter({ 'x-acs-retry-after': value, 'retry-after': '4' }, now)).toBe(4000);
  });

  it('reads the first of repeated headers', () => {
    expect(parseRetryAfter({ 'x-acs-retry-after': ['3', '8'] }, now)).toBe(3000);
  });
});

describe('parseRetryAfter: Retry-After', () => {
  it('reads delay-seconds of several digits, with surrounding spaces', () => {
    expect(parseRetryAfter({ 'retry-after': '12' }, now)).toBe(12_000);
    expect(parseRetryAfter({ 'retry-after': ' 3 ' }, now)).toBe(3000);
  });

  it('reads fractional seconds, rounding up to a millisecond', () => {
    expect(parseRetryAfter({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '1.25' }, now)).toBe(1250);
    expect(parseRetryAfter({ 'retry-after': '0.0001' }, now)).toBe(1);
  });

  it.each(['x3', '5s', '2 seconds'])('ignores %j, which is neither seconds nor a date', (value) => {
    expect(parseRetryAfter({ 'retry-after': value }, now)).toBeUndefined();
  });

  it('counts an HTTP date in the past as no wait', () => {
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, now)).toBe(0);
  });
});
