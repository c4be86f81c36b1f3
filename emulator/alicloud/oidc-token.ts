import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OidcProvider } from '../options';
import { WireError } from '../wire-error';

/**
 * Checks an OIDC token as STS does for `AssumeRoleWithOIDC`: a JWT whose `iss` is the
 * provider's issuer, whose `aud` holds one of its client ids and whose `exp` is in the future;
 * HS256-signed with the provider's key when it has one (the real service checks the issuer's
 * published RSA keys; a shared key keeps the emulator offline). Error codes as STS documents
 * them for this action (AuthenticationFail.OIDCToken.*, [inferred] where undocumented).
 */
export interface OidcClaims {
  iss: string;
  sub?: string;
  aud: string[];
  exp: number;
  iat?: number;
}

function invalid(why: string): WireError {
  return new WireError(
    400,
    'AuthenticationFail.OIDCToken.Invalid',
    `The OIDC token is invalid: ${why}.`,
  );
}

function decodePart(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw invalid('a part is not base64url JSON');
}

export function verifyOidcToken(token: string, provider: OidcProvider, now: number): OidcClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid('it is not a JWT (header.payload.signature)');
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (provider.hmacSecret !== undefined) {
    if (header.alg !== 'HS256') throw invalid('the provider expects HS256 signatures');
    const expected = createHmac('sha256', provider.hmacSecret)
      .update(`${parts[0]}.${parts[1]}`)
      .digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalid('the signature does not verify');
    }
  }
  if (payload.iss !== provider.issuer) {
    throw new WireError(
      400,
      'AuthenticationFail.OIDCToken.IssuerNotMatch',
      'The issuer of the OIDC token does not match the OIDC provider.',
    );
  }
  const aud = Array.isArray(payload.aud) ? payload.aud.map(String) : [String(payload.aud ?? '')];
  if (!aud.some((a) => provider.clientIds.includes(a))) {
    throw new WireError(
      400,
      'AuthenticationFail.OIDCToken.AudienceNotMatch',
      'The audience of the OIDC token is not a client id of the OIDC provider.',
    );
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now) {
    throw new WireError(400, 'AuthenticationFail.OIDCToken.Expired', 'The OIDC token has expired.');
  }
  return {
    iss: payload.iss,
    sub: typeof payload.sub === 'string' ? payload.sub : undefined,
    aud,
    exp: payload.exp,
    iat: typeof payload.iat === 'number' ? payload.iat : undefined,
  };
}
