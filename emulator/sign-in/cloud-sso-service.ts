import type { CloudSsoSignIn } from '../options';
import type { Clock } from '../time';

/** One account and access configuration a signed-in person may ask keys for. */
export interface CloudSsoAssignment {
  accountId: string;
  accessConfigurationId: string;
}

export type CloudSsoTokenCheck =
  { assignments: CloudSsoAssignment[] } | { problem: 'unknown' | 'expired' };

/** The sign-ins of the portal as the control API shows them (secrets included). */
export interface CloudSsoSignInSnapshot extends CloudSsoAssignment {
  accessToken: string;
  expiresAt?: string;
}

/** The role CloudSSO keys act as: the one it creates in the account per access configuration. */
export function cloudSsoRoleArn(assignment: CloudSsoAssignment): string {
  return `acs:ram::${assignment.accountId}:role/AliyunReservedSSO-${assignment.accessConfigurationId}`;
}

/**
 * The access tokens of the CloudSSO portal: each one a signed-in person's, valid until its
 * expiry, with the accounts and access configurations assigned to that person. A sign-in
 * cannot be renewed without the person, so nothing here issues tokens. Starts from, and
 * `reset` returns to, the `cloudSsoSignIns` option.
 */
export class CloudSsoService {
  /** Access token -> expiry (epoch ms of the emulator's clock; undefined = never). */
  private expiries = new Map<string, number | undefined>();

  constructor(
    private readonly signIns: readonly CloudSsoSignIn[],
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  reset(): void {
    this.expiries = new Map(
      this.signIns.map((signIn) => [signIn.accessToken, signIn.accessTokenExpiresAt]),
    );
  }

  /** The assignments of a live access token, or why the token is refused. */
  check(accessToken: string): CloudSsoTokenCheck {
    if (!this.expiries.has(accessToken)) return { problem: 'unknown' };
    const expiresAt = this.expiries.get(accessToken);
    if (expiresAt !== undefined && expiresAt <= this.clock()) return { problem: 'expired' };
    return {
      assignments: this.signIns
        .filter((signIn) => signIn.accessToken === accessToken)
        .map(({ accountId, accessConfigurationId }) => ({ accountId, accessConfigurationId })),
    };
  }

  /** Ends the life of every access token now, as their lifetime running out would. */
  expireAccessTokens(): number {
    const now = this.clock();
    for (const [token, expiresAt] of this.expiries) {
      this.expiries.set(token, Math.min(expiresAt ?? now, now));
    }
    return this.expiries.size;
  }

  snapshot(): CloudSsoSignInSnapshot[] {
    return this.signIns.map(({ accessToken, accountId, accessConfigurationId }) => {
      const expiresAt = this.expiries.get(accessToken);
      return {
        accessToken,
        accountId,
        accessConfigurationId,
        expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt).toISOString(),
      };
    });
  }
}
