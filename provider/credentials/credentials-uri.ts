import { checkOutboundUrl } from '../config/endpoint-rule';
import { ChatOpsError } from '../errors';
import type { HttpLayer } from '../http/http-layer';
import { tryParseJson } from '../clients/parse';
import type { CredentialsUriSource } from './source';
import { readTemporaryCredentials, type TemporaryCredentials } from './temporary-credentials';

const OPERATION = 'credentials:uri';
const TIMEOUT_MS = 5000;

/**
 * Temporary keys from a local endpoint (`ALIBABA_CLOUD_CREDENTIALS_URI`), which answers
 * `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` as the vendor's
 * credentials library expects.
 */
export async function uriCredentials(
  source: CredentialsUriSource,
  http: HttpLayer,
): Promise<TemporaryCredentials> {
  // The keys it answers are trusted with every secret of the stack: the endpoint rule holds.
  const url = checkOutboundUrl(source.uri, {
    where: `The credentials URI of ${source.origin}`,
    otherwise: 'or point it at the credentials endpoint',
  });
  const res = await http.send({
    url,
    method: 'GET',
    headers: { accept: 'application/json' },
    timeoutMs: TIMEOUT_MS,
    operation: OPERATION,
  });
  const body = tryParseJson(res.body) as Record<string, unknown> | undefined;
  if (res.status !== 200 || (body?.Code !== undefined && body.Code !== 'Success')) {
    throw new ChatOpsError({
      code: 'AUTH_FAILED',
      message: `The credentials endpoint of ${source.origin} answered HTTP ${res.status}${typeof body?.Code === 'string' ? ` ${body.Code}` : ''}; check that it is running and serves this identity.`,
      operation: OPERATION,
      httpStatus: res.status,
    });
  }
  return readTemporaryCredentials(body, { operation: OPERATION, from: source.origin });
}
