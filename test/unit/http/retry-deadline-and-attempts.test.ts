import { ChatOpsError, ErrorCode } from '../../../provider/errors';
import { Logger } from '../../../provider/http/log';
import { AttemptContext, RetryPolicy, RetryRun, runWithRetry } from '../../../provider/http/retry';
import { SkippingClock } from '../helpers/clocks';

const policy: RetryPolicy = {
  maxAttempts: 4,
  requestTimeoutMs: 1000,
  operationDeadlineMs: 10_000,
  backoff: { baseMs: 100, capMs: 1000 },
};

const fail = (
  code: ErrorCode,
  extra: Partial<ConstructorParameters<typeof ChatOpsError>[0]> = {},
) => new ChatOpsError({ code, message: `${code} message`, retryable: true, ...extra });

function run(
  attempt: (ctx: AttemptContext) => Promise<string>,
  options: Partial<Omit<RetryRun, 'policy'>> & { policy?: Partial<RetryPolicy> } = {},
) {
  return runWithRetry(
    {
      operation: 'test:op',
      idempotent: true,
      clock: new SkippingClock(0),
      random: () => 0.5,
      ...options,
      policy: { ...policy, ...options.policy },
    },
    attempt,
  );
}

async function failure(promise: Promise<unknown>): Promise<ChatOpsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChatOpsError))
    throw new Error(`expected a ChatOpsError, got ${String(error)}`);
  return error;
}

describe('runWithRetry: the deadline', () => {
  it('waits for a pacing slot before every attempt, telling it the deadline', async () => {
    const slots: number[] = [];
    let calls = 0;
    await run(
      async () => {
        if (++calls < 3) throw fail('THROTTLED');
        return 'ok';
      },
      {
        clock: new SkippingClock(5000),
        beforeAttempt: async (deadlineAt) => {
          slots.push(deadlineAt);
        },
      },
    );
    expect(slots).toEqual([15_000, 15_000, 15_000]);
  });

  it('fails without an attempt when the pacing slot comes at the deadline', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    const error = await failure(
      run(
        async () => {
          calls++;
          return 'ok';
        },
        { clock, beforeAttempt: (deadlineAt) => clock.sleep(deadlineAt - clock.now()) },
      ),
    );
    expect(calls).toBe(0);
    expect(error).toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      retryable: true,
      operation: 'test:op',
    });
    expect(error.message).toBe(
      'test:op did not succeed within its 10000 ms deadline after 0 attempt(s). Retry later or raise operationDeadlineMs.',
    );
    expect(error.remoteCode).toBeUndefined();
    expect(error.requestId).toBeUndefined();
    expect(error.httpStatus).toBeUndefined();
  });

  it('counts the attempts made when the pacing slot of a retry comes too late', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    const error = await failure(
      run(
        async () => {
          calls++;
          throw fail('REMOTE_UNAVAILABLE', {
            remoteCode: 'ServiceUnavailable',
            requestId: 'req-7',
            httpStatus: 503,
          });
        },
        {
          clock,
          beforeAttempt: async (deadlineAt) => {
            if (calls === 2) await clock.sleep(deadlineAt - clock.now() + 1);
          },
        },
      ),
    );
    expect(calls).toBe(2);
    expect(error).toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      remoteCode: 'ServiceUnavailable',
      requestId: 'req-7',
      httpStatus: 503,
      retryable: true,
    });
    expect(error.message).toContain('after 2 attempt(s).');
    expect(error.message).toContain(
      'Last error: REMOTE_UNAVAILABLE (ServiceUnavailable): REMOTE_UNAVAILABLE message',
    );
  });

  it('does not retry a timeout that ran into the deadline', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    const told: string[] = [];
    const error = await failure(
      run(
        async ({ deadlineAt }) => {
          calls++;
          await clock.sleep(deadlineAt - clock.now());
          throw fail('TIMEOUT');
        },
        { clock, policy: { maxAttempts: 10 }, onRetryableFailure: (e) => told.push(e.code) },
      ),
    );
    expect(calls).toBe(1);
    expect(told).toEqual([]);
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.message).toContain('after 1 attempt(s). ');
    expect(error.message).toContain('Last error: TIMEOUT: TIMEOUT message');
    // No backoff wait was taken after the timeout.
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('reports a timeout at the deadline as the deadline, even on the last attempt', async () => {
    const clock = new SkippingClock(0);
    const error = await failure(
      run(
        async ({ deadlineAt }) => {
          await clock.sleep(deadlineAt - clock.now());
          throw fail('TIMEOUT');
        },
        { clock, policy: { maxAttempts: 1 } },
      ),
    );
    expect(error.code).toBe('DEADLINE_EXCEEDED');
  });

  it('retries a timeout that left time before the deadline', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    await expect(
      run(
        async ({ deadlineAt }) => {
          if (++calls === 1) {
            await clock.sleep(deadlineAt - clock.now() - 1000);
            throw fail('TIMEOUT');
          }
          return 'ok';
        },
        { clock, random: () => 0 },
      ),
    ).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('reports a failure that must not be retried as it is, even past the deadline', async () => {
    const clock = new SkippingClock(0);
    const error = await failure(
      run(
        async ({ deadlineAt }) => {
          await clock.sleep(deadlineAt - clock.now() + 5);
          throw new ChatOpsError({ code: 'INVALID_INPUT', message: 'name too long' });
        },
        { clock },
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'name too long' });
  });

  it('stops when the backoff wait would end exactly at the deadline', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    const error = await failure(
      run(
        async () => {
          calls++;
          throw fail('THROTTLED', { retryAfterMs: 10_000 });
        },
        { clock },
      ),
    );
    expect(calls).toBe(1);
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(clock.sleeps).toEqual([]);
  });

  it('takes a backoff wait that ends just before the deadline', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    await run(
      async () => {
        if (++calls === 1) throw fail('THROTTLED', { retryAfterMs: 9999 });
        return 'ok';
      },
      { clock },
    );
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([9999]);
  });
});

describe('runWithRetry: attempts', () => {
  it('passes an error of another kind through at once', async () => {
    let calls = 0;
    const bug = new TypeError('cannot read x of undefined');
    await expect(
      run(async () => {
        calls++;
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });

  it('waits between attempts but not after the last one', async () => {
    const clock = new SkippingClock(0);
    let calls = 0;
    const error = await failure(
      run(
        async () => {
          calls++;
          throw fail('THROTTLED', { retryAfterMs: 500 });
        },
        { clock, policy: { maxAttempts: 3 } },
      ),
    );
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([500, 500]);
    expect(error).toMatchObject({ code: 'THROTTLED', retryAfterMs: 500, retryable: true });
  });

  it('makes at least one attempt, and a whole number of them', async () => {
    for (const [maxAttempts, expected] of [
      [0, 1],
      [-3, 1],
      [2.9, 2],
    ]) {
      let calls = 0;
      await failure(
        run(
          async () => {
            calls++;
            throw fail('REMOTE_UNAVAILABLE');
          },
          { policy: { maxAttempts } },
        ),
      );
      expect(calls).toBe(expected);
    }
  });

  it('keeps everything the last error said when it gives up', async () => {
    const error = await failure(
      run(
        async () => {
          throw fail('THROTTLED', {
            operation: 'oos:ListChatConfigurations',
            remoteCode: 'Throttling.User',
            requestId: 'req-9',
            httpStatus: 429,
            notProcessed: true,
          });
        },
        { policy: { maxAttempts: 2 } },
      ),
    );
    expect(error).toMatchObject({
      code: 'THROTTLED',
      operation: 'oos:ListChatConfigurations',
      remoteCode: 'Throttling.User',
      requestId: 'req-9',
      httpStatus: 429,
      retryable: true,
      notProcessed: true,
    });
    expect(error.message).toBe(
      'THROTTLED message (gave up after 2 attempts; raise maxAttempts or retry later)',
    );
  });

  it('names the operation it ran when the last error names none', async () => {
    const error = await failure(
      run(
        async () => {
          throw fail('REMOTE_UNAVAILABLE');
        },
        { policy: { maxAttempts: 1 } },
      ),
    );
    expect(error.operation).toBe('test:op');
  });

  it('tells the pacer of every retryable failure, the last one included', async () => {
    const told: string[] = [];
    await failure(
      run(
        async () => {
          throw fail('THROTTLED');
        },
        { policy: { maxAttempts: 3 }, onRetryableFailure: (e) => told.push(e.code) },
      ),
    );
    // Told of all three: the last is retryable too, only the attempts ran out.
    expect(told).toEqual(['THROTTLED', 'THROTTLED', 'THROTTLED']);
  });

  it('logs each retry with the error, the remote code and the wait', async () => {
    const lines: string[] = [];
    let calls = 0;
    await run(
      async () => {
        calls++;
        if (calls === 1) throw fail('THROTTLED', { remoteCode: 'Throttling.Api' });
        if (calls === 2) throw fail('REMOTE_UNAVAILABLE');
        return 'ok';
      },
      { logger: new Logger((_level, line) => lines.push(line)), policy: { maxAttempts: 3 } },
    );
    expect(lines).toEqual([
      'test:op: attempt 1/3 failed with THROTTLED (Throttling.Api): THROTTLED message; retrying in 50 ms',
      'test:op: attempt 2/3 failed with REMOTE_UNAVAILABLE: REMOTE_UNAVAILABLE message; retrying in 100 ms',
    ]);
  });
});
