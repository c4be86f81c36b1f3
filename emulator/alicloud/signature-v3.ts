import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ParamPairs } from '../http/query-string';
import { percentEncode } from './percent-encode';

/**
 * Signature V3 (`ACS3-HMAC-SHA256`), computed from what the server received. Written from
 * the vendor's description (docs/wire-facts.md section 1), independently of any client signer.
 */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3CanonicalInput {
  method: string;
  path: string;
  query: ParamPairs;
  headers: IncomingHttpHeaders;
  /** Lower-case names, as listed in the Authorization header. */
  signedHeaders: string[];
  /** Hex SHA-256 of the body bytes that actually arrived. */
  bodySha256: string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function canonicalUri(path: string): string {
  return path
    .split('/')
    .map((segment) => percentEncode(decodeURIComponentSafe(segment)))
    .join('/');
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function canonicalQuery(query: ParamPairs): string {
  return query
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function canonicalRequestV3(input: V3CanonicalInput): string {
  const names = [...input.signedHeaders].sort();
  const headerLines = names
    .map((name) => {
      const raw = input.headers[name];
      const value = Array.isArray(raw) ? raw.map((v) => v.trim()).join(',') : (raw ?? '');
      return `${name}:${value.trim()}\n`;
    })
    .join('');
  return [
    input.method,
    canonicalUri(input.path),
    canonicalQuery(input.query),
    headerLines,
    names.join(';'),
    input.bodySha256,
  ].join('\n');
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function signatureV3(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<a;b>,Signature=<hex>` */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const space = header.indexOf(' ');
  if (space <= 0) return undefined;
  const algorithm = header.slice(0, space);
  const fields: Record<string, string> = {};
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const { Credential, SignedHeaders, Signature } = fields;
  if (!Credential || !SignedHeaders || !Signature) return undefined;
  return {
    algorithm,
    accessKeyId: Credential,
    signedHeaders: SignedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature: Signature,
  };
}
