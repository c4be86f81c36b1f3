import fc from 'fast-check';
import { backoffDelay, parseRetryAfter } from '../../provider/http/backoff';

describe('backoffDelay (capped exponential, full jitter)', () => {
  const options = { baseMs: 100, capMs: 1000 };

  it('draws from [0, min(cap, base * 2^(retry-1)))', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(0);
    expect(backoffDelay(1, options, () => 0.999)).toBe(99);
    expect(backoffDelay(3, options, () => 0.5)).toBe(200);
    expect(backoffDelay(10, options, () => 0.999)).toBe(999);
  });

  it('never exceeds the cap nor goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, options, () => r);
          return d >= 0 && d < options.capMs;
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads x-acs-retry-after in seconds', () => {
    expect(parseRetryAfter({ 'x-acs-retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'x-acs-retry-after': '0.5' }, now)).toBe(500);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }, now)).toBe(7000);
  });
  it('prefers the Alibaba Cloud header and ignores garbage', () => {
    expect(parseRetryAfter({ 'x-acs-retry-after': '1', 'retry-after': '9' }, now)).toBe(1000);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
