import { Clock, systemClock } from '../../http/clock';
import { ExpiringCache } from '../../http/expiring-cache';
import { registerSecret } from '../../http/redact';
import { DingTalkApp } from './app';
import { isTokenRejection } from './errors';

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds, 7200 for DingTalk. */
  expiresInSeconds: number;
}

export type TokenFetcher = (app: DingTalkApp) => Promise<FetchedToken>;

/**
 * DingTalk access tokens, one per application (docs/wire-facts.md section 2a).
 * Token calls are themselves throttled, so however many calls run at once, an app has
 * at most one token request in flight; a token is refreshed when less than 60 s of its
 * life remain, as the vendor's own connector does. Several apps (`chatops:dingtalkApps`)
 * each have their own token.
 */
export class TokenCache {
  private readonly cache: ExpiringCache<string>;

  constructor(
    private readonly fetcher: TokenFetcher,
    clock: Clock = systemClock,
    refreshMarginMs = 60_000,
  ) {
    this.cache = new ExpiringCache(clock, refreshMarginMs);
  }

  getToken(app: DingTalkApp): Promise<string> {
    return this.cache.get(cacheKey(app), async () => {
      const fetched = await this.fetcher(app);
      registerSecret(fetched.accessToken, 'credential');
      return { value: fetched.accessToken, lifetimeMs: fetched.expiresInSeconds * 1000 };
    });
  }

  /**
   * Forgets `token` if it is still the cached one, so a crowd of calls all rejected with the
   * same old token does not trigger a refetch each.
   */
  invalidate(app: DingTalkApp, token: string): void {
    this.cache.invalidate(cacheKey(app), (cached) => cached === token);
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
}

function cacheKey(app: DingTalkApp): string {
  return `${app.apiEndpoint} ${app.clientId}`;
}
