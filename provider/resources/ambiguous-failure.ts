import { isChatOpsError } from '../http/errors';

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
