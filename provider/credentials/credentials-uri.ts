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
  let url: URL;
  try {
    url = new URL(source.uri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `${source.origin} is not an http(s) URL; set it to the address of the credentials endpoint.`,
      operation: OPERATION,
    });
  }
  const res = await http.send({
    url: url.toString(),
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
