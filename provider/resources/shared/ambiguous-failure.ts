import { withDefaults } from '../../config/settings';
import { DEFAULT_BACKOFF, backoffDelay } from '../../http/backoff';
import { systemClock } from '../../http/clock';
import { isChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';

/**
 * Failures after which a non-idempotent call may or may not have taken effect: the
 * connection broke or timed out after the request left, or the service failed with 5xx.
 * The client layer does not repeat such calls; the resource looks before deciding.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (!isChatOpsError(error)) return false;
  if (error.notProcessed) return false;
  return (
    error.code === 'TRANSPORT_ERROR' ||
    error.code === 'TIMEOUT' ||
    error.code === 'DEADLINE_EXCEEDED' ||
    error.code === 'REMOTE_UNAVAILABLE'
  );
}

/**
 * How many times a create whose outcome was unknown, and which left nothing behind, is sent
 * in all: the same budget as the retries of any other call (`maxAttempts`).
 */
export function createRounds(ctx: LifecycleContext): number {
  return withDefaults(ctx.settings()).maxAttempts;
}

/** A short jittered pause between create rounds: the HTTP layer's backoff, growing per round. */
export function pauseBeforeRound(round: number): Promise<void> {
  return systemClock.sleep(backoffDelay(round, DEFAULT_BACKOFF));
}

/**
 * Waits before looking for the result of an ambiguous create of an object whose name is not
 * unique. After a timeout the remote may still be working on the request, and may commit it
 * after the client gave up: waiting as long again as the request was given lets such a late
 * commit show before the resource decides that nothing was created and creates again (a
 * commit landing even later would be a duplicate nobody sees). After a reset or a 5xx, the
 * short pause of {@link pauseBeforeRound} is enough.
 */
export async function settleAfterAmbiguousFailure(
  error: unknown,
  round: number,
  ctx: LifecycleContext,
): Promise<void> {
  const timedOut =
    isChatOpsError(error) && (error.code === 'TIMEOUT' || error.code === 'DEADLINE_EXCEEDED');
  if (!timedOut) return pauseBeforeRound(round);
  await systemClock.sleep(withDefaults(ctx.settings()).requestTimeoutMs);
}
