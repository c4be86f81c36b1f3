import type { AccessKeyPair, StsCredential } from '../options';

export interface KnownKey {
  secret: string;
  /** Present for STS credentials: the token that must accompany the key. */
  sts?: { token: string; expiresAt?: number };
}

/** The key pairs the emulated account accepts. */
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
}
