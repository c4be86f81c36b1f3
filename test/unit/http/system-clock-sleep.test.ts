import { systemClock } from '../../../provider/http/clock';

describe('systemClock', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2025-01-01T00:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the time of the system clock', () => {
    expect(systemClock.now()).toBe(Date.parse('2025-01-01T00:00:00Z'));
  });

  it('sleeps until the timer of the given length fires', async () => {
    let woke = false;
    const sleeping = systemClock.sleep(1000).then(() => {
      woke = true;
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('wakes on the next timer turn for a negative length', async () => {
    let woke = false;
    const sleeping = systemClock.sleep(-50).then(() => {
      woke = true;
    });
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(woke).toBe(true);
  });
});
