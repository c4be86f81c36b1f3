import type { AccessKeyPair, StsCredential } from '../options';

export interface KnownKey {
  secret: string;
  /** Present for STS credentials: the token that must accompany the key. */
  sts?: { token: string; expiresAt?: number };
  /** The role whose keys these are, for keys STS issued. */
  roleArn?: string;
}

/** Keys STS issued, as the control API lists them (no secret). */
export interface IssuedKey {
  accessKeyId: string;
  roleArn: string;
  expiration: string;
}

/** The key pairs the emulated account accepts: configured ones, and those STS issues. */
export class AccessKeyRegistry {
  private readonly keys = new Map<string, KnownKey>();

  constructor(pairs: AccessKeyPair[], sts: StsCredential[]) {
    for (const p of pairs) this.keys.set(p.accessKeyId, { secret: p.accessKeySecret });
    for (const s of sts) {
      const expiresAt =
        s.expiration === undefined
          ? undefined
          : typeof s.expiration === 'number'
            ? s.expiration
            : Date.parse(s.expiration);
      this.keys.set(s.accessKeyId, {
        secret: s.accessKeySecret,
        sts: { token: s.securityToken, expiresAt },
      });
    }
  }

  find(accessKeyId: string): KnownKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Every access key id, for roles that trust any key. */
  ids(): string[] {
    return [...this.keys.keys()];
  }

  /** Registers keys STS issued for `roleArn`; they work until `expiresAt`, then are refused. */
  issue(key: StsCredential & { expiration: number }, roleArn: string): void {
    this.keys.set(key.accessKeyId, {
      secret: key.accessKeySecret,
      sts: { token: key.securityToken, expiresAt: key.expiration },
      roleArn,
    });
  }

  issued(): IssuedKey[] {
    return [...this.keys]
      .filter(([, key]) => key.roleArn !== undefined)
      .map(([accessKeyId, key]) => ({
        accessKeyId,
        roleArn: key.roleArn as string,
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
