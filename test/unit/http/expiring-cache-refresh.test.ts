import { ExpiringCache, Fetched } from '../../../provider/http/expiring-cache';
import { ManualClock } from '../helpers/clocks';

/** A fetch that hands out `value-1`, `value-2`, ... with the given lifetime, and counts. */
function counter(lifetimeMs: number) {
  let calls = 0;
  const fetch = async (): Promise<Fetched<string>> => {
    calls++;
    return { value: `value-${calls}`, lifetimeMs };
  };
  return { fetch, calls: () => calls };
}

describe('ExpiringCache', () => {
  it('hands out the fetched value until the refresh margin before it expires', async () => {
    const clock = new ManualClock(10_000);
    const cache = new ExpiringCache<string>(clock, 1000);
    const source = counter(5000);

    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    await clock.advanceTo(13_999);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    expect(source.calls()).toBe(1);

    // Valid until 15 000, refreshed from 14 000 on (one margin early).
    await clock.advanceTo(14_000);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-2');
    expect(source.calls()).toBe(2);
  });

  it('uses a value that lives less than twice the margin for half its life', async () => {
    const clock = new ManualClock(0);
    const cache = new ExpiringCache<string>(clock, 60_000);
    const source = counter(2000);

    await cache.get('app', source.fetch);
    await clock.advanceTo(999);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    await clock.advanceTo(1000);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-2');
  });

  it('fetches again on every call when the value comes already expired', async () => {
    const clock = new ManualClock(0);
    const cache = new ExpiringCache<string>(clock, 10);
    const source = counter(-5000);

    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-2');
    expect(source.calls()).toBe(2);
  });

  it('keeps a value whose refresh time lies ahead even when the margin is large', async () => {
    // lifetime 100, margin 10: refresh at 90, not at 50 (half) nor at once.
    const clock = new ManualClock(0);
    const cache = new ExpiringCache<string>(clock, 10);
    const source = counter(100);

    await cache.get('app', source.fetch);
    await clock.advanceTo(89);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    await clock.advanceTo(90);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-2');
  });

  it('fetches once for many concurrent callers of the same key', async () => {
    const cache = new ExpiringCache<string>(new ManualClock(0), 10);
    let release: (() => void) | undefined;
    let calls = 0;
    const fetch = async (): Promise<Fetched<string>> => {
      calls++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { value: 'shared', lifetimeMs: 1000 };
    };

    const all = Promise.all([cache.get('app', fetch), cache.get('app', fetch)]);
    await Promise.resolve();
    const third = cache.get('app', fetch);
    release?.();
    await expect(all).resolves.toEqual(['shared', 'shared']);
    await expect(third).resolves.toBe('shared');
    expect(calls).toBe(1);
  });

  it('keeps the values of different keys apart', async () => {
    const cache = new ExpiringCache<string>(new ManualClock(0), 10);
    await expect(
      cache.get('app-a', async () => ({ value: 'token-a', lifetimeMs: 1000 })),
    ).resolves.toBe('token-a');
    await expect(
      cache.get('app-b', async () => ({ value: 'token-b', lifetimeMs: 1000 })),
    ).resolves.toBe('token-b');
    await expect(
      cache.get('app-a', async () => ({ value: 'other', lifetimeMs: 1000 })),
    ).resolves.toBe('token-a');
  });

  it('passes a failed fetch to every waiting caller and fetches anew on the next call', async () => {
    const cache = new ExpiringCache<string>(new ManualClock(0), 10);
    let calls = 0;
    const fetch = async (): Promise<Fetched<string>> => {
      calls++;
      await Promise.resolve();
      if (calls === 1) throw new Error('token endpoint down');
      return { value: 'recovered', lifetimeMs: 1000 };
    };

    const first = cache.get('app', fetch);
    const second = cache.get('app', fetch);
    await expect(first).rejects.toThrow('token endpoint down');
    await expect(second).rejects.toThrow('token endpoint down');
    await expect(cache.get('app', fetch)).resolves.toBe('recovered');
    expect(calls).toBe(2);
  });

  it('fetches a new value once the cached one is refused', async () => {
    const cache = new ExpiringCache<string>(new ManualClock(0), 10);
    const source = counter(60_000);
    await cache.get('app', source.fetch);

    cache.invalidate('app', (value) => value === 'value-1');
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-2');
    expect(source.calls()).toBe(2);
  });

  it('keeps the cached value when another value was refused, or another key', async () => {
    const cache = new ExpiringCache<string>(new ManualClock(0), 10);
    const source = counter(60_000);
    await cache.get('app', source.fetch);

    cache.invalidate('app', (value) => value === 'value-0');
    cache.invalidate('unknown-key', () => true);
    await expect(cache.get('app', source.fetch)).resolves.toBe('value-1');
    expect(source.calls()).toBe(1);
  });
});
