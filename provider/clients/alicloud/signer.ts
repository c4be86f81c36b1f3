import { createHash, createHmac, randomBytes } from 'crypto';

/**
 * Alibaba Cloud signature V3, `ACS3-HMAC-SHA256`, for RPC calls
 * (docs/wire-facts.md section 1; https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature).
 */

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token: sent, and signed, as `x-acs-security-token`. */
  securityToken?: string;
}

export interface Acs3Request {
  method: string;
  /** `host[:port]` exactly as the request will carry it. */
  host: string;
  /** Defaults to `/` (every RPC call). */
  pathname?: string;
  /** Flattened parameters, unencoded. */
  query: Record<string, string>;
  /** Must include `x-acs-action`, `x-acs-version`; date and nonce are filled if absent. */
  headers: Record<string, string>;
  body?: string;
}

/**
 * Returns every header to send: the given ones plus `host`, `x-acs-date`,
 * `x-acs-signature-nonce`, `x-acs-content-sha256`, `x-acs-security-token` (with STS)
 * and `Authorization`.
 */
export function signAcs3(req: Acs3Request, credentials: Acs3Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
  headers['host'] = req.host;
  headers['x-acs-date'] ??= acsDate(new Date());
  headers['x-acs-signature-nonce'] ??= randomBytes(16).toString('hex');
  headers['x-acs-content-sha256'] = sha256Hex(req.body ?? '');
  if (credentials.securityToken) headers['x-acs-security-token'] = credentials.securityToken;

  const { canonicalRequest, signedHeaders } = canonicalizeRequest({ ...req, headers });
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', credentials.accessKeySecret)
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers['authorization'] =
    `${ACS3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return headers;
}

/** Step 4 of the algorithm, exposed for tests and diagnostics. */
export function canonicalizeRequest(req: Acs3Request): {
  canonicalRequest: string;
  signedHeaders: string;
} {
  const signed = Object.entries(req.headers)
    .map(([name, value]) => [name.toLowerCase().trim(), value.trim()] as const)
    .filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = signed.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = signed.map(([name]) => name).join(';');
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.pathname ?? '/',
    canonicalQueryString(req.query),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(req.body ?? ''),
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/** Names and values percent-encoded, sorted by name, `k=v` joined by `&`. */
export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name])}`)
    .join('&');
}

/** RFC 3986: `encodeURIComponent`, plus `!'()*`; space is `%20`, `~` stays. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, the form `x-acs-date` requires. */
export function acsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}
