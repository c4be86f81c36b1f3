import { Clock, systemClock } from './clock';

/** What a fetch of an expiring value returns. */
export interface Fetched<T> {
  value: T;
  /** How long the value is valid from now, in milliseconds. */
  lifetimeMs: number;
  /** How long before expiry to fetch again, when this value needs another than the cache's. */
  refreshMarginMs?: number;
}

interface Entry<T> {
  value: T;
  /** When to stop handing this value out and fetch a new one. */
  refreshAt: number;
}

/**
 * Values that expire (access tokens, temporary keys), by key, fetched once however many calls
 * want them at the same time (single-flight), and refreshed `refreshMarginMs` before they
 * expire, so no call goes out with a value about to lapse.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly refreshMarginMs: number,
  ) {}

  async get(key: string, fetch: () => Promise<Fetched<T>>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.clock.now() < entry.refreshAt) return entry.value;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchInto(key, fetch);
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /**
   * Forgets the value of `key` if `stale` says it is the one that was refused. Comparing keeps
   * a crowd of calls all refused with the same old value from fetching a new one each.
   */
  invalidate(key: string, stale: (value: T) => boolean): void {
    const entry = this.entries.get(key);
    if (entry && stale(entry.value)) this.entries.delete(key);
  }

  private async fetchInto(key: string, fetch: () => Promise<Fetched<T>>): Promise<T> {
    try {
      const fetched = await fetch();
      const lifetimeMs = Math.max(0, fetched.lifetimeMs);
      // A value that lives less than twice the margin (only emulators issue such) is used
      // for half its life rather than never.
      const margin = Math.min(fetched.refreshMarginMs ?? this.refreshMarginMs, lifetimeMs / 2);
      this.entries.set(key, {
        value: fetched.value,
        refreshAt: this.clock.now() + lifetimeMs - margin,
      });
      return fetched.value;
    } finally {
      this.inflight.delete(key);
    }
  }
}
