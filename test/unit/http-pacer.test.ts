import fc from 'fast-check';
import { isChatOpsError } from '../../provider/errors';
import { Pacer } from '../../provider/http/pacer';
import { ManualClock } from './helpers/clocks';

/** Starts `count` parallel acquisitions and records the virtual time each is granted. */
function burst(
  pacer: Pacer,
  clock: ManualClock,
  key: string,
  rate: number,
  count: number,
): number[] {
  const granted: number[] = [];
  for (let i = 0; i < count; i++) {
    void pacer.acquire(key, rate).then(() => granted.push(clock.now()));
  }
  return granted;
}

describe('Pacer', () => {
  it('grants no more than the rate within the first one-second window of a burst', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    const granted = burst(pacer, clock, 'https://api.dingtalk.com robot/plugins/set', 20, 50);
    await clock.advanceTo(999);
    expect(granted.length).toBe(20);
    await clock.advanceTo(1999);
    expect(granted.length).toBe(40);
    await clock.advanceTo(5000);
    expect(granted.length).toBe(50);
  });

  it('keeps every one-second window at or under the rate, for any rate and burst size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 150 }),
        async (rate, count) => {
          const clock = new ManualClock(0);
          const pacer = new Pacer({ clock });
          const granted = burst(pacer, clock, 'k', rate, count);
          await clock.advanceTo(999);
          expect(granted.length).toBe(Math.min(rate, count));
          await clock.advanceTo(Math.ceil((count / rate) * 1000) + 1000);
          expect(granted.length).toBe(count);
          for (let i = rate; i < granted.length; i++) {
            expect(granted[i] - granted[i - rate]).toBeGreaterThanOrEqual(1000);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('leaves one slot unused for each throttled call it is told of', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    const key = 'https://oapi.dingtalk.com chat/create';
    await pacer.acquire(key, 10);
    pacer.yieldSlot(key, 10);
    pacer.yieldSlot(key, 10);
    const granted = burst(pacer, clock, key, 10, 10);
    await clock.advanceTo(999);
    // One call went at 0 ms; two slots (100 and 200 ms) were handed back, so of the next
    // calls only those at 300..900 ms fit in the first second.
    expect(granted.length).toBe(7);
    expect(granted[0]).toBe(300);
  });

  it('paces each (origin, operation) key separately', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    const a = burst(pacer, clock, 'origin-a op', 5, 10);
    const b = burst(pacer, clock, 'origin-b op', 5, 10);
    await clock.advanceTo(999);
    expect(a.length).toBe(5);
    expect(b.length).toBe(5);
  });

  it('fails at once when the slot would come after the deadline', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    void burst(pacer, clock, 'k', 1, 3);
    const late = pacer.acquire('k', 1, 1500, 'dingtalk:chat/get');
    const error = await late.catch((e: unknown) => e);
    expect(isChatOpsError(error, 'DEADLINE_EXCEEDED')).toBe(true);
  });
});
