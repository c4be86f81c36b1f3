import { ChatOpsError } from '../../../provider/errors';
import { Pacer } from '../../../provider/http/pacer';
import { SkippingClock } from '../helpers/clocks';

/** A clock far from zero, as real clocks are: waits must not depend on where time starts. */
const START = 1_700_000_000_000;

async function failure(promise: Promise<unknown>): Promise<ChatOpsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChatOpsError))
    throw new Error(`expected a ChatOpsError, got ${String(error)}`);
  return error;
}

describe('Pacer waits', () => {
  it('waits exactly the interval between calls on a clock far from zero', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 4);
    await pacer.acquire('k', 4);
    await pacer.acquire('k', 4);
    expect(clock.sleeps).toEqual([250, 250]);
  });

  it('rounds a fractional interval up to the next millisecond of waiting', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 3);
    await pacer.acquire('k', 3);
    expect(clock.sleeps).toEqual([334]);
  });

  it('does not wait for a slot that time has already passed', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 2);
    await clock.sleep(5000);
    await pacer.acquire('k', 2);
    await pacer.acquire('k', 2);
    expect(clock.sleeps).toEqual([5000, 500]);
  });

  it('does not pace a rate of zero, a negative, an infinite or a missing rate', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    for (const rate of [0, -5, Infinity, NaN]) {
      await pacer.acquire('k', rate);
      await pacer.acquire('k', rate);
      pacer.yieldSlot('k', rate);
    }
    expect(clock.sleeps).toEqual([]);
  });

  it('spaces calls evenly when asked for a burst below one', async () => {
    for (const burst of [0, -3, 0.5]) {
      const clock = new SkippingClock(START);
      const pacer = new Pacer({ clock, burst });
      await pacer.acquire('k', 10);
      await pacer.acquire('k', 10);
      await pacer.acquire('k', 10);
      expect(clock.sleeps).toEqual([100, 100]);
    }
  });

  it('lets a whole burst go at once, then spaces the rest', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock, burst: 2.7 });
    for (let i = 0; i < 4; i++) await pacer.acquire('k', 10);
    expect(clock.sleeps).toEqual([100, 100]);
  });
});

describe('Pacer deadline', () => {
  it('grants a slot that comes exactly at the deadline', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 1);
    await expect(pacer.acquire('k', 1, START + 1000, 'oos:GetChatConfiguration')).resolves.toBe(
      undefined,
    );
    expect(clock.sleeps).toEqual([1000]);
  });

  it('fails at once, reserving nothing, when the slot comes after the deadline', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 1);
    const error = await failure(pacer.acquire('k', 1, START + 999, 'oos:GetChatConfiguration'));
    expect(error).toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      operation: 'oos:GetChatConfiguration',
      retryable: true,
      notProcessed: true,
    });
    expect(error.message).toBe(
      'oos:GetChatConfiguration could not be sent before its deadline: the client-side rate limit of 1 calls per second is saturated. Lower the parallelism or raise operationDeadlineMs.',
    );
    expect(clock.sleeps).toEqual([]);
    // The refused call took no slot: the next one goes at 1000 ms, not 2000.
    await pacer.acquire('k', 1);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('names the pacing key when no operation is given', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('https://oapi.dingtalk.com chat/get', 1);
    const error = await failure(pacer.acquire('https://oapi.dingtalk.com chat/get', 1, START));
    expect(error.message).toMatch(/^https:\/\/oapi\.dingtalk\.com chat\/get could not be sent/);
    expect(error.operation).toBeUndefined();
  });
});

describe('Pacer.yieldSlot', () => {
  it('does nothing for a key that was never used', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    pacer.yieldSlot('fresh', 1);
    await pacer.acquire('fresh', 1);
    expect(clock.sleeps).toEqual([]);
  });

  it('leaves the next slot from now unused when the bucket has been idle', async () => {
    const clock = new SkippingClock(START);
    const pacer = new Pacer({ clock });
    await pacer.acquire('k', 1);
    await clock.sleep(10_000);
    pacer.yieldSlot('k', 1);
    await pacer.acquire('k', 1);
    expect(clock.sleeps).toEqual([10_000, 1000]);
  });
});
