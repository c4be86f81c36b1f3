import { Clock, systemClock } from './clock';
import { ChatOpsError } from '../errors';

/**
 * Client-side pacing: a token bucket per key (origin + operation), so a burst of parallel
 * calls is spread out below the remote's QPS limit instead of tripping it and then
 * retrying. DingTalk allows about 20 calls per second per app and API on the standard
 * edition (docs/wire-facts.md section 2d).
 *
 * Implemented as the generic cell rate algorithm: each bucket keeps the theoretical
 * arrival time of the next call, so every caller learns at once when it may go and
 * sleeps exactly that long, without polling.
 */
export interface PacerOptions {
  clock?: Clock;
  /**
   * Calls that may go back to back before spacing starts. The default of 1 spaces calls
   * evenly, which keeps every one-second window at or under the rate.
   */
  burst?: number;
}

interface Bucket {
  /** Theoretical arrival time of the next call, in clock microseconds. */
  tat: number;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly burst: number;

  constructor(options: PacerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.burst = Math.max(1, Math.floor(options.burst ?? 1));
  }

  /**
   * Waits for a slot under `ratePerSecond` for `key`. If the slot would come after
   * `deadlineAt`, fails at once with DEADLINE_EXCEEDED and reserves nothing.
   */
  async acquire(
    key: string,
    ratePerSecond: number,
    deadlineAt = Infinity,
    operation?: string,
  ): Promise<void> {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) return;
    // Integer microseconds, interval rounded up: summing fractional milliseconds could
    // drift below the true spacing and let one call too many into a window.
    const interval = Math.ceil(1_000_000 / ratePerSecond);
    const tolerance = (this.burst - 1) * interval;
    const now = Math.floor(this.clock.now() * 1000);
    const bucket = this.buckets.get(key) ?? { tat: now };
    const tat = Math.max(bucket.tat, now);
    const grantAt = Math.max(now, tat - tolerance);
    if (grantAt > deadlineAt * 1000) {
      throw new ChatOpsError({
        code: 'DEADLINE_EXCEEDED',
        message: `${operation ?? key} could not be sent before its deadline: the client-side rate limit of ${ratePerSecond} calls per second is saturated. Lower the parallelism or raise operationDeadlineMs.`,
        operation,
        retryable: true,
        notProcessed: true,
      });
    }
    bucket.tat = tat + interval;
    this.buckets.set(key, bucket);
    const wait = Math.ceil((grantAt - now) / 1000);
    if (wait > 0) await this.clock.sleep(wait);
  }

  /**
   * Leaves the next slot of `key` unused, after the remote throttled a call of it. Evenly
   * spaced grants still reach the remote bunched up when timers fire late (a busy event
   * loop), so the window the remote counts holds one call too many; each throttle hands one
   * slot back, which makes room for the retry instead of colliding again at full rate.
   */
  yieldSlot(key: string, ratePerSecond: number): void {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) return;
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    const now = Math.floor(this.clock.now() * 1000);
    bucket.tat = Math.max(bucket.tat, now) + Math.ceil(1_000_000 / ratePerSecond);
  }
}
