import { randomHex } from '../ids';
import type { DingTalkApp } from '../options';
import type { Store } from '../store';
import type { Clock } from '../time';

export type TokenCheck = { appKey: string } | { problem: 'missing' | 'unknown' | 'expired' };

/**
 * DingTalk access tokens: one per app, shared by the new and the old API. Asking again
 * while a token is valid returns the same token and renews its lifetime, as the vendor
 * documents for internal apps.
 */
export class TokenStore {
  constructor(
    private readonly store: Store,
    private readonly apps: DingTalkApp[],
    private readonly lifetimeSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** Undefined when the app key or secret is wrong. */
  issue(appKey: string, appSecret: string): { token: string; expiresIn: number } | undefined {
    const app = this.apps.find((a) => a.appKey === appKey && a.appSecret === appSecret);
    if (!app) return undefined;
    const now = this.clock();
    const tokens = this.store.state.tokens;
    const expiresAt = now + this.lifetimeSeconds * 1000;
    let token = Object.keys(tokens).find(
      (t) => tokens[t].appKey === appKey && tokens[t].expiresAt > now,
    );
    for (const t of Object.keys(tokens)) {
      if (tokens[t].expiresAt <= now) delete tokens[t];
    }
    token ??= randomHex(16);
    tokens[token] = { appKey, expiresAt };
    this.store.changed();
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /**
   * Ends the life of every token now, as 7200 s passing would: the next call with one is
   * refused as expired, and the next token request gets a new token.
   */
  expireAll(): void {
    const now = this.clock();
    for (const record of Object.values(this.store.state.tokens)) record.expiresAt = now;
    this.store.changed();
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { problem: 'missing' };
    const record = this.store.state.tokens[token];
    if (!record) return { problem: 'unknown' };
    if (record.expiresAt <= this.clock()) return { problem: 'expired' };
    return { appKey: record.appKey };
  }
}
