import { BackoffOptions, backoffDelay } from './backoff';
import { Clock } from './clock';
import { ChatOpsError } from '../errors';
import { Logger } from './log';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Timeout of one attempt; shortened to what is left of the deadline. */
  requestTimeoutMs: number;
  /** Wall time the whole operation, all retries included, may take. */
  operationDeadlineMs: number;
  backoff: BackoffOptions;
}

export interface AttemptContext {
  /** 1 for the first try. */
  attempt: number;
  /** Timeout to give the request of this attempt. */
  timeoutMs: number;
  /** Clock time after which the operation has failed. */
  deadlineAt: number;
}

export interface RetryRun {
  operation: string;
  /**
   * False for calls that create something or have a side effect: they are repeated only
   * when the remote certainly did not act on them (throttled, banned, never connected),
   * because a lost answer would otherwise turn into a duplicate group or notification.
   */
  idempotent: boolean;
  policy: RetryPolicy;
  clock: Clock;
  random?: () => number;
  logger?: Logger;
  /** Waits for a pacing slot before each attempt. */
  beforeAttempt?: (deadlineAt: number) => Promise<void>;
  /** Told of every failed attempt that will be retried (pacing adapts to throttling). */
  onRetryableFailure?: (error: ChatOpsError) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with an error that must not be retried, runs
 * out of attempts, or would overrun the operation deadline.
 */
export async function runWithRetry<T>(
  run: RetryRun,
  attempt: (ctx: AttemptContext) => Promise<T>,
): Promise<T> {
  const { clock, policy, operation } = run;
  const deadlineAt = clock.now() + policy.operationDeadlineMs;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  let last: ChatOpsError | undefined;

  for (let n = 1; n <= maxAttempts; n++) {
    if (run.beforeAttempt) await run.beforeAttempt(deadlineAt);
    const remaining = deadlineAt - clock.now();
    if (remaining <= 0) throw deadlineExceeded(run, n - 1, last);
    try {
      return await attempt({
        attempt: n,
        timeoutMs: Math.min(policy.requestTimeoutMs, remaining),
        deadlineAt,
      });
    } catch (e) {
      if (!(e instanceof ChatOpsError)) throw e;
      last = e;
      if (e.code === 'TIMEOUT' && clock.now() >= deadlineAt) throw deadlineExceeded(run, n, e);
      if (!shouldRetry(e, run.idempotent)) throw e;
      run.onRetryableFailure?.(e);
      if (n === maxAttempts) throw attemptsExhausted(run, n, e);
      const jittered = backoffDelay(n, policy.backoff, run.random);
      const delay = Math.max(jittered, e.retryAfterMs ?? 0);
      if (clock.now() + delay >= deadlineAt) throw deadlineExceeded(run, n, e);
      run.logger?.debug(
        `${operation}: attempt ${n}/${maxAttempts} failed with ${describe(e)}; retrying in ${delay} ms`,
      );
      await clock.sleep(delay);
    }
  }
  // Unreachable: the loop either returns or throws.
  throw attemptsExhausted(run, maxAttempts, last);
}

function shouldRetry(e: ChatOpsError, idempotent: boolean): boolean {
  return e.retryable && (idempotent || e.notProcessed === true);
}

function describe(e: ChatOpsError): string {
  return `${e.code}${e.remoteCode ? ` (${e.remoteCode})` : ''}: ${e.message}`;
}

function deadlineExceeded(
  run: RetryRun,
  attempts: number,
  last: ChatOpsError | undefined,
): ChatOpsError {
  const lastText = last ? ` Last error: ${describe(last)}` : '';
  return new ChatOpsError({
    code: 'DEADLINE_EXCEEDED',
    message: `${run.operation} did not succeed within its ${run.policy.operationDeadlineMs} ms deadline after ${attempts} attempt(s). Retry later or raise operationDeadlineMs.${lastText}`,
    operation: run.operation,
    remoteCode: last?.remoteCode,
    requestId: last?.requestId,
    httpStatus: last?.httpStatus,
    retryable: true,
  });
}

function attemptsExhausted(
  run: RetryRun,
  attempts: number,
  last: ChatOpsError | undefined,
): ChatOpsError {
  if (!last) {
    return new ChatOpsError({
      code: 'REMOTE_ERROR',
      message: `${run.operation} failed without an error.`,
      operation: run.operation,
    });
  }
  return new ChatOpsError({
    code: last.code,
    message: `${last.message} (gave up after ${attempts} attempts; raise maxAttempts or retry later)`,
    operation: last.operation ?? run.operation,
    remoteCode: last.remoteCode,
    requestId: last.requestId,
    httpStatus: last.httpStatus,
    retryable: last.retryable,
    retryAfterMs: last.retryAfterMs,
    notProcessed: last.notProcessed,
  });
}
