import { createHmac } from 'node:crypto';
import type { ParamPairs } from '../http/query-string';
import { percentEncode } from './percent-encode';

/**
 * Legacy signature V1 (`HMAC-SHA1`, `SignatureVersion=1.0`): every parameter but
 * `Signature`, sorted, encoded, then `METHOD&%2F&<encoded canonical string>`, signed with
 * the secret plus `&`, base64.
 */
export function stringToSignV1(method: string, params: ParamPairs): string {
  const canonical = params
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function signatureV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}
