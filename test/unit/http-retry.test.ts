import { ChatOpsError, ErrorCode, isChatOpsError } from '../../provider/errors';
import { AttemptContext, RetryPolicy, runWithRetry } from '../../provider/http/retry';
import { SkippingClock } from './helpers/clocks';

const policy: RetryPolicy = {
  maxAttempts: 5,
  requestTimeoutMs: 1000,
  operationDeadlineMs: 60_000,
  backoff: { baseMs: 100, capMs: 1000 },
};

const fail = (
  code: ErrorCode,
  extra: Partial<ConstructorParameters<typeof ChatOpsError>[0]> = {},
) => new ChatOpsError({ code, message: code, retryable: true, ...extra });

/** An attempt function that throws the queued errors in turn, then succeeds. */
function scripted(errors: ChatOpsError[]) {
  let calls = 0;
  const attempt = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'ok';
  };
  return { attempt, calls: () => calls };
}

function run(
  attempt: (ctx: AttemptContext) => Promise<string>,
  options: { idempotent?: boolean; clock?: SkippingClock; policy?: Partial<RetryPolicy> } = {},
) {
  return runWithRetry(
    {
      operation: 'test:op',
      idempotent: options.idempotent ?? true,
      policy: { ...policy, ...options.policy },
      clock: options.clock ?? new SkippingClock(),
      random: () => 0.5,
    },
    attempt,
  );
}

describe('runWithRetry', () => {
  it('retries retryable failures and returns the first success', async () => {
    const s = scripted([fail('THROTTLED'), fail('REMOTE_UNAVAILABLE')]);
    await expect(run(s.attempt)).resolves.toBe('ok');
    expect(s.calls()).toBe(3);
  });

  it('does not retry a failure that is not retryable', async () => {
    const s = scripted([new ChatOpsError({ code: 'INVALID_INPUT', message: 'bad' })]);
    await expect(run(s.attempt)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(s.calls()).toBe(1);
  });

  it('backs off exponentially with jitter between attempts', async () => {
    const clock = new SkippingClock();
    const s = scripted([fail('THROTTLED'), fail('THROTTLED'), fail('THROTTLED')]);
    await run(s.attempt, { clock });
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it('waits at least what the remote asked for', async () => {
    const clock = new SkippingClock();
    const s = scripted([fail('THROTTLED', { retryAfterMs: 3000 })]);
    await run(s.attempt, { clock });
    expect(clock.sleeps).toEqual([3000]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const s = scripted(
      Array.from({ length: 10 }, () => fail('THROTTLED', { remoteCode: 'Throttling.User' })),
    );
    const error = await run(s.attempt).catch((e: unknown) => e);
    expect(s.calls()).toBe(5);
    expect(error).toMatchObject({ code: 'THROTTLED', remoteCode: 'Throttling.User' });
    expect((error as Error).message).toContain('gave up after 5 attempts');
  });

  it('stops when the next wait would overrun the deadline', async () => {
    const clock = new SkippingClock();
    const s = scripted(Array.from({ length: 100 }, () => fail('THROTTLED')));
    const error = await run(s.attempt, {
      clock,
      policy: { maxAttempts: 100, operationDeadlineMs: 1000 },
    }).catch((e: unknown) => e);
    expect(isChatOpsError(error, 'DEADLINE_EXCEEDED')).toBe(true);
    // Waits 50, 100, 200, 400 fit in 1000 ms; the fifth (500) would not.
    expect(s.calls()).toBe(5);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(1000);
  });

  it('stops at once when the remote asks for a wait beyond the deadline', async () => {
    const s = scripted([fail('THROTTLED', { retryAfterMs: 120_000 })]);
    await expect(run(s.attempt)).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(s.calls()).toBe(1);
  });

  it('repeats a non-idempotent call only when the remote certainly did not act on it', async () => {
    const ambiguous = scripted([fail('TIMEOUT')]);
    await expect(run(ambiguous.attempt, { idempotent: false })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(ambiguous.calls()).toBe(1);

    const rejected = scripted([fail('THROTTLED', { notProcessed: true })]);
    await expect(run(rejected.attempt, { idempotent: false })).resolves.toBe('ok');
    expect(rejected.calls()).toBe(2);
  });

  it('shortens the per-attempt timeout to what is left of the deadline', async () => {
    const timeouts: number[] = [];
    await run(
      async ({ timeoutMs }) => {
        timeouts.push(timeoutMs);
        return 'ok';
      },
      { policy: { requestTimeoutMs: 5000, operationDeadlineMs: 800 } },
    );
    expect(timeouts).toEqual([800]);
  });
});
