import { randomAlphanumeric } from '../ids';
import type { OAuthSignIn } from '../options';
import type { Clock } from '../time';

/** A renewal: the new access token and the refresh token that replaces the one used. */
export interface OAuthRenewal {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  roleArn: string;
}

/** Why a refresh token is refused: never issued, or already used (rotated away). */
export type RefreshRefusal = { problem: 'unknown' | 'used' };

export type AccessTokenCheck = { roleArn: string } | { problem: 'unknown' | 'expired' };

/** The tokens of the OAuth service as the control API shows them (secrets included). */
export interface OAuthSignInSnapshot {
  roleArn: string;
  refreshToken: string;
  accessTokens: { accessToken: string; expiresAt?: string }[];
}

interface AccessTokenRecord {
  signIn: number;
  /** Epoch ms of the emulator's clock; undefined = never. */
  expiresAt?: number;
}

/**
 * The tokens of the OAuth sign-in service: per sign-in one live refresh token, which each
 * renewal replaces (the one used stops working, as the service rotates them), and the access
 * tokens renewals issued, each valid until its expiry. Starts from, and `reset` returns to,
 * the `oauthSignIns` option.
 */
export class OAuthService {
  /** Live refresh token -> index of its sign-in. */
  private refreshTokens = new Map<string, number>();
  /** Refresh tokens already used: refused, but told apart from ones never issued. */
  private usedRefreshTokens = new Set<string>();
  private accessTokens = new Map<string, AccessTokenRecord>();

  constructor(
    private readonly signIns: readonly OAuthSignIn[],
    private readonly lifetimeSeconds: number,
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  reset(): void {
    this.refreshTokens = new Map();
    this.usedRefreshTokens = new Set();
    this.accessTokens = new Map();
    this.signIns.forEach((signIn, index) => {
      this.refreshTokens.set(signIn.refreshToken, index);
      if (signIn.accessToken !== undefined) {
        this.accessTokens.set(signIn.accessToken, {
          signIn: index,
          expiresAt: signIn.accessTokenExpiresAt,
        });
      }
    });
  }

  /** Trades a live refresh token for a new access token and a new refresh token. */
  renew(refreshToken: string): OAuthRenewal | RefreshRefusal {
    const index = this.refreshTokens.get(refreshToken);
    if (index === undefined) {
      return { problem: this.usedRefreshTokens.has(refreshToken) ? 'used' : 'unknown' };
    }
    this.refreshTokens.delete(refreshToken);
    this.usedRefreshTokens.add(refreshToken);
    const renewed = randomAlphanumeric(64);
    this.refreshTokens.set(renewed, index);
    const accessToken = randomAlphanumeric(48);
    this.accessTokens.set(accessToken, {
      signIn: index,
      expiresAt: this.clock() + this.lifetimeSeconds * 1000,
    });
    return {
      accessToken,
      refreshToken: renewed,
      expiresIn: this.lifetimeSeconds,
      roleArn: this.signIns[index].roleArn,
    };
  }

  /** The role of a live access token, or why the token is refused. */
  check(accessToken: string): AccessTokenCheck {
    const record = this.accessTokens.get(accessToken);
    if (!record) return { problem: 'unknown' };
    if (record.expiresAt !== undefined && record.expiresAt <= this.clock()) {
      return { problem: 'expired' };
    }
    return { roleArn: this.signIns[record.signIn].roleArn };
  }

  /** Ends the life of every access token now, as their lifetime running out would. */
  expireAccessTokens(): number {
    const now = this.clock();
    for (const record of this.accessTokens.values()) {
      record.expiresAt = Math.min(record.expiresAt ?? now, now);
    }
    return this.accessTokens.size;
  }

  snapshot(): OAuthSignInSnapshot[] {
    return this.signIns.map((signIn, index) => ({
      roleArn: signIn.roleArn,
      refreshToken: [...this.refreshTokens].find(([, i]) => i === index)?.[0] ?? '',
      accessTokens: [...this.accessTokens]
        .filter(([, record]) => record.signIn === index)
        .map(([accessToken, record]) => ({
          accessToken,
          expiresAt:
            record.expiresAt === undefined ? undefined : new Date(record.expiresAt).toISOString(),
        })),
    }));
  }
}
