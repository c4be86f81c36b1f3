/**
 * Capped exponential backoff with full jitter, and the server's own retry hints.
 * Full jitter spreads retries of many parallel callers that were throttled together
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */

export interface BackoffOptions {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Largest delay ever drawn. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, capMs: 20_000 };

/** Delay before retry number `retry` (1 = first retry): uniform in [0, min(cap, base * 2^(retry-1))). */
export function backoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * Reads the wait a remote asked for, in milliseconds. `x-acs-retry-after` is Alibaba
 * Cloud's throttling hint in seconds (docs/wire-facts.md section 1);
 * `Retry-After` is RFC 9110: delay-seconds or an HTTP-date.
 */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  nowMs: number,
): number | undefined {
  const acs = firstHeader(headers['x-acs-retry-after']);
  if (acs !== undefined) {
    const seconds = Number(acs.trim());
    if (acs.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) {
      return Math.ceil(seconds * 1000);
    }
  }
  const standard = firstHeader(headers['retry-after']);
  if (standard === undefined) return undefined;
  const trimmed = standard.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
