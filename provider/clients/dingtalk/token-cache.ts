import { Clock, systemClock } from '../../http/clock';
import { registerSecret } from '../../http/redact';
import { DingTalkApp } from './app';
import { isTokenRejection } from './errors';

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds, 7200 for DingTalk. */
  expiresInSeconds: number;
}

export type TokenFetcher = (app: DingTalkApp) => Promise<FetchedToken>;

interface Entry {
  token: string;
  expiresAt: number;
  /** When to stop handing this token out and fetch a new one. */
  refreshAt: number;
}

/**
 * DingTalk access tokens, one per application (../shared/reference/apis.md section 2a).
 * Token calls are themselves throttled, so however many calls run at once, an app has
 * at most one token request in flight; a token is refreshed when less than 60 s of its
 * life remain, as the vendor's own connector does.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();

  constructor(
    private readonly fetcher: TokenFetcher,
    private readonly clock: Clock = systemClock,
    private readonly refreshMarginMs = 60_000,
  ) {}

  async getToken(app: DingTalkApp): Promise<string> {
    const key = cacheKey(app);
    const entry = this.entries.get(key);
    if (entry && this.clock.now() < entry.refreshAt) return entry.token;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetch(key, app);
      this.inflight.set(key, pending);
    }
    return (await pending).token;
  }

  /**
   * Forgets `token` if it is still the cached one. Comparing the token keeps a crowd of
   * calls that were all rejected with the same old token from triggering a refetch each.
   */
  invalidate(app: DingTalkApp, token: string): void {
    const key = cacheKey(app);
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  /** Runs `call` with the app's token; if the token is rejected, refetches once and retries once. */
  async withToken<T>(app: DingTalkApp, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getToken(app);
    try {
      return await call(token);
    } catch (e) {
      if (!isTokenRejection(e)) throw e;
      this.invalidate(app, token);
      return call(await this.getToken(app));
    }
  }

  private async fetch(key: string, app: DingTalkApp): Promise<Entry> {
    try {
      const fetched = await this.fetcher(app);
      registerSecret(fetched.accessToken);
      const now = this.clock.now();
      const lifetimeMs = Math.max(0, fetched.expiresInSeconds * 1000);
      // A token that lives less than twice the margin (only the emulator issues such)
      // is used for half its life rather than never.
      const margin = Math.min(this.refreshMarginMs, lifetimeMs / 2);
      const entry = {
        token: fetched.accessToken,
        expiresAt: now + lifetimeMs,
        refreshAt: now + lifetimeMs - margin,
      };
      this.entries.set(key, entry);
      return entry;
    } finally {
      this.inflight.delete(key);
    }
  }
}

function cacheKey(app: DingTalkApp): string {
  return `${app.apiEndpoint} ${app.clientId}`;
}
