import { ChatOpsError } from '../errors';
import { registerSecret } from '../http/redact';
import type { Acs3Credentials } from '../clients/alicloud/signer';
import { asString, isObject } from '../clients/parse';

/**
 * Keys that stop working (or are asked for again) at `expiresAt`: STS keys with their security
 * token, or what an external process printed (a plain AccessKey too).
 */
export interface TemporaryCredentials extends Acs3Credentials {
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Reads `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`, the shape shared by STS
 * (`Credentials` of AssumeRole and AssumeRoleWithOIDC, model `sts-20150401` of
 * aliyun/alibabacloud-typescript-sdk), the ECS metadata service and credentials URIs. The
 * secret parts are registered for redaction before anything else can see them.
 */
export function readTemporaryCredentials(
  body: unknown,
  context: { operation: string; from: string },
): TemporaryCredentials {
  const fields = isObject(body) ? body : {};
  const secret = asString(fields.AccessKeySecret);
  const token = asString(fields.SecurityToken);
  registerSecret(secret, 'credential');
  registerSecret(token, 'credential');
  const accessKeyId = asString(fields.AccessKeyId);
  const expiresAt = Date.parse(asString(fields.Expiration) ?? '');
  if (!accessKeyId || !secret || !token || Number.isNaN(expiresAt)) {
    throw new ChatOpsError({
      code: 'REMOTE_ERROR',
      message: `${context.operation}: the answer of ${context.from} lacks AccessKeyId, AccessKeySecret, SecurityToken or Expiration; check that it is the endpoint it should be.`,
      operation: context.operation,
    });
  }
  return { accessKeyId, accessKeySecret: secret, securityToken: token, expiresAt };
}
