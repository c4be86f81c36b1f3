import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Request ids look like the vendors' (`4DB0A1B2-...`, upper-case UUIDs). */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, e.g. for a WeCom EncodingAESKey (43 characters). */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[bytes[i] % ALPHANUMERIC.length];
  return out;
}

/**
 * A number-like id that is always the same for the same seed, as RAM's user and role ids are
 * for the same user or role: `lead` then `digits - 1` digits taken from the seed's hash.
 */
export function stableNumericId(lead: string, seed: string, digits: number): string {
  const hash = BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`);
  const rest = (hash % 10n ** BigInt(digits - 1)).toString().padStart(digits - 1, '0');
  return `${lead}${rest}`;
}
