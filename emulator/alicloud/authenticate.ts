import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../http/exchange';
import type { ParamPairs } from '../http/query-string';
import { parseAcsTimestamp, type Clock } from '../time';
import type { AccessKeyRegistry, KnownKey } from './access-keys';
import { gatewayErrors } from './errors';
import type { NonceRegistry } from './nonce-registry';
import {
  ACS3_ALGORITHM,
  canonicalRequestV3,
  parseAuthorization,
  sha256Hex,
  signatureV3,
  stringToSignV3,
} from './signature-v3';
import { signatureV1, stringToSignV1 } from './signature-v1';

export interface SignedRpcRequest {
  method: string;
  path: string;
  query: ParamPairs;
  /** Parameters of a form-encoded body (V1 signs them together with the query). */
  formParams: ParamPairs;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AlicloudIdentity {
  accessKeyId: string;
  signatureVersion: 'V3' | 'V1';
}

/** Headers a V3 request must sign: without them the request could be replayed or altered. */
const REQUIRED_V3_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a request the way the Alibaba Cloud gateway does: key known, timestamp within
 * the allowed skew, nonce fresh, body hash right, signature right, STS token valid.
 * Throws the gateway's WireError on the first problem.
 */
export class AlicloudAuthenticator {
  constructor(
    private readonly keys: AccessKeyRegistry,
    private readonly nonces: NonceRegistry,
    private readonly clock: Clock,
    private readonly maxSkewMs: number,
  ) {}

  authenticate(request: SignedRpcRequest): AlicloudIdentity {
    const authorization = headerValue(request.headers, 'authorization');
    if (authorization !== undefined) return this.verifyV3(request, authorization);
    if (request.query.some(([name]) => name === 'Signature')) return this.verifyV1(request);
    throw gatewayErrors.incompleteSignature(
      'Neither an Authorization header nor a Signature parameter was sent.',
    );
  }

  private verifyV3(request: SignedRpcRequest, authorization: string): AlicloudIdentity {
    const parsed = parseAuthorization(authorization);
    if (!parsed) {
      throw gatewayErrors.incompleteSignature(
        'Expected "ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...".',
      );
    }
    if (parsed.algorithm !== ACS3_ALGORITHM) throw gatewayErrors.invalidSignatureMethod();
    const key = this.keys.find(parsed.accessKeyId);
    if (!key) throw gatewayErrors.accessKeyNotFound();

    const now = this.clock();
    this.checkTimestamp(headerValue(request.headers, 'x-acs-date'), now);
    const nonce = headerValue(request.headers, 'x-acs-signature-nonce');
    if (!nonce) throw gatewayErrors.missingParameter('SignatureNonce');
    if (this.nonces.has(parsed.accessKeyId, nonce, now)) throw gatewayErrors.nonceUsed();

    const declaredHash = headerValue(request.headers, 'x-acs-content-sha256');
    if (!declaredHash) {
      throw gatewayErrors.incompleteSignature('The x-acs-content-sha256 header is missing.');
    }
    const bodySha256 = sha256Hex(request.body);
    if (declaredHash.toLowerCase() !== bodySha256) throw gatewayErrors.bodyHashMismatch();

    const mustSign = [
      ...REQUIRED_V3_HEADERS,
      ...Object.keys(request.headers).filter((name) => name.startsWith('x-acs-')),
    ];
    const unsigned = mustSign.filter((name) => !parsed.signedHeaders.includes(name));
    if (unsigned.length > 0) {
      throw gatewayErrors.incompleteSignature(
        `These headers must be signed: ${[...new Set(unsigned)].join(', ')}.`,
      );
    }
    const missing = parsed.signedHeaders.filter((name) => request.headers[name] === undefined);
    if (missing.length > 0) {
      throw gatewayErrors.incompleteSignature(`Signed headers not sent: ${missing.join(', ')}.`);
    }

    const stringToSign = stringToSignV3(
      canonicalRequestV3({
        method: request.method,
        path: request.path,
        query: request.query,
        headers: request.headers,
        signedHeaders: parsed.signedHeaders,
        bodySha256,
      }),
    );
    if (!sameText(signatureV3(key.secret, stringToSign), parsed.signature.toLowerCase())) {
      throw gatewayErrors.signatureMismatch(stringToSign);
    }
    this.checkSecurityToken(key, headerValue(request.headers, 'x-acs-security-token'), now);
    this.nonces.remember(parsed.accessKeyId, nonce, now);
    return { accessKeyId: parsed.accessKeyId, signatureVersion: 'V3' };
  }

  private verifyV1(request: SignedRpcRequest): AlicloudIdentity {
    const params = [...request.query, ...request.formParams];
    const get = (name: string) => request.query.find(([n]) => n === name)?.[1];
    const method = get('SignatureMethod');
    if (method === undefined) throw gatewayErrors.missingParameter('SignatureMethod');
    if (method !== 'HMAC-SHA1') throw gatewayErrors.invalidSignatureMethod();
    const accessKeyId = get('AccessKeyId');
    if (!accessKeyId) throw gatewayErrors.missingParameter('AccessKeyId');
    const key = this.keys.find(accessKeyId);
    if (!key) throw gatewayErrors.accessKeyNotFound();

    const now = this.clock();
    this.checkTimestamp(get('Timestamp'), now);
    const nonce = get('SignatureNonce');
    if (!nonce) throw gatewayErrors.missingParameter('SignatureNonce');
    if (this.nonces.has(accessKeyId, nonce, now)) throw gatewayErrors.nonceUsed();

    const stringToSign = stringToSignV1(request.method, params);
    if (!sameText(signatureV1(key.secret, stringToSign), get('Signature') ?? '')) {
      throw gatewayErrors.signatureMismatch(stringToSign);
    }
    this.checkSecurityToken(key, get('SecurityToken'), now);
    this.nonces.remember(accessKeyId, nonce, now);
    return { accessKeyId, signatureVersion: 'V1' };
  }

  private checkTimestamp(value: string | undefined, now: number): void {
    if (value === undefined || value === '') throw gatewayErrors.missingTimestamp();
    const at = parseAcsTimestamp(value);
    if (at === undefined) throw gatewayErrors.badTimestamp();
    if (Math.abs(now - at) > this.maxSkewMs) throw gatewayErrors.expiredTimestamp();
  }

  private checkSecurityToken(key: KnownKey, token: string | undefined, now: number): void {
    if (!key.sts) {
      if (token) throw gatewayErrors.securityTokenMismatch();
      return;
    }
    if (!token) throw gatewayErrors.securityTokenMissing();
    if (!sameText(token, key.sts.token)) throw gatewayErrors.securityTokenMismatch();
    if (key.sts.expiresAt !== undefined && now >= key.sts.expiresAt) {
      throw gatewayErrors.securityTokenExpired();
    }
  }
}
