import type { AccessKeyPair, AlicloudAccount, StsCredential } from '../options';

export interface KnownKey {
  secret: string;
  /** The account the key belongs to: its objects are the only ones a call with it sees. */
  accountId: string;
  /** Present for STS credentials: the token that must accompany the key. */
  sts?: { token: string; expiresAt?: number };
  /** The role whose keys these are, for keys STS issued. */
  roleArn?: string;
  /** The `RoleSessionName` the keys were issued under, for keys STS issued. */
  sessionName?: string;
}

/** Keys STS issued, as the control API lists them (no secret). */
export interface IssuedKey {
  accessKeyId: string;
  roleArn: string;
  accountId: string;
  expiration: string;
}

/** The keys STS issues for a role: the role's account owns them (`acs:ram::<account>:role/..`). */
export interface IssuedKeyRequest {
  key: StsCredential & { expiration: number };
  roleArn: string;
  sessionName: string;
}

const ROLE_ACCOUNT = /^acs:ram::([^:]+):role\//i;

/** The account a role belongs to: the one its ARN names, else the default account. */
export function accountOfRole(roleArn: string, defaultAccountId: string): string {
  return ROLE_ACCOUNT.exec(roleArn)?.[1] || defaultAccountId;
}

function expiryOf(expiration: StsCredential['expiration']): number | undefined {
  if (expiration === undefined) return undefined;
  return typeof expiration === 'number' ? expiration : Date.parse(expiration);
}

/**
 * The key pairs the gateway accepts, each with the account that owns it: the default
 * account's configured keys, other accounts' keys, and those STS issues.
 */
export class AccessKeyRegistry {
  private readonly keys = new Map<string, KnownKey>();

  constructor(
    private readonly defaultAccountId: string,
    pairs: AccessKeyPair[],
    sts: StsCredential[],
    accounts: AlicloudAccount[] = [],
  ) {
    for (const p of pairs) {
      this.keys.set(p.accessKeyId, { secret: p.accessKeySecret, accountId: defaultAccountId });
    }
    for (const s of sts) {
      this.keys.set(s.accessKeyId, {
        secret: s.accessKeySecret,
        accountId: defaultAccountId,
        sts: { token: s.securityToken, expiresAt: expiryOf(s.expiration) },
      });
    }
    for (const account of accounts) {
      for (const p of account.accessKeys) {
        this.keys.set(p.accessKeyId, { secret: p.accessKeySecret, accountId: account.accountId });
      }
    }
  }

  find(accessKeyId: string): KnownKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Every access key id, for roles that trust any key. */
  ids(): string[] {
    return [...this.keys.keys()];
  }

  /**
   * Registers keys STS issued for a role; they work until their expiration, then are refused.
   * They belong to the account in the role's ARN (the default account when it names none).
   */
  issue({ key, roleArn, sessionName }: IssuedKeyRequest): void {
    this.keys.set(key.accessKeyId, {
      secret: key.accessKeySecret,
      accountId: accountOfRole(roleArn, this.defaultAccountId),
      sts: { token: key.securityToken, expiresAt: key.expiration },
      roleArn,
      sessionName,
    });
  }

  issued(): IssuedKey[] {
    return [...this.keys]
      .filter(([, key]) => key.roleArn !== undefined)
      .map(([accessKeyId, key]) => ({
        accessKeyId,
        roleArn: key.roleArn as string,
        accountId: key.accountId,
        expiration: new Date(key.sts?.expiresAt ?? 0).toISOString(),
      }));
  }

  /** Ends the life of every key STS issued, as their expiry would. */
  expireIssued(now: number): number {
    let count = 0;
    for (const key of this.keys.values()) {
      if (key.roleArn !== undefined && key.sts) {
        key.sts.expiresAt = Math.min(key.sts.expiresAt ?? now, now);
        count += 1;
      }
    }
    return count;
  }
}
