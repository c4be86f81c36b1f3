/**
 * Signature nonces seen recently. The real gateway refuses a nonce used twice
 * (`SignatureNonceUsed`); a nonce only needs remembering for as long as its timestamp
 * would still be accepted.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(private readonly retentionMs: number) {}

  has(accessKeyId: string, nonce: string, now: number): boolean {
    this.prune(now);
    return this.seen.has(`${accessKeyId}\n${nonce}`);
  }

  remember(accessKeyId: string, nonce: string, now: number): void {
    this.seen.set(`${accessKeyId}\n${nonce}`, now + this.retentionMs);
  }

  clear(): void {
    this.seen.clear();
  }

  /** Insertion order is expiry order (the clock only moves forward in practice). */
  private prune(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
  }
}
