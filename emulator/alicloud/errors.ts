import { WireError } from '../wire-error';

/**
 * The gateway's common error answers, with the codes, statuses and messages of the
 * vendor's list of client errors (InvalidAccessKeyId.NotFound is 404, the rest 400).
 */
export const gatewayErrors = {
  incompleteSignature: (detail: string) =>
    new WireError(
      400,
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards. ${detail}`,
    ),
  invalidSignatureMethod: () =>
    new WireError(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.'),
  accessKeyNotFound: () =>
    new WireError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  missingTimestamp: () =>
    new WireError(
      400,
      'IllegalTimestamp',
      'The input parameter "Timestamp" that is mandatory for processing this request is not supplied.',
    ),
  badTimestamp: () =>
    new WireError(
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted.',
    ),
  expiredTimestamp: () =>
    new WireError(
      400,
      'InvalidTimeStamp.Expired',
      'Specified time stamp or date value is expired.',
    ),
  missingParameter: (name: string) =>
    new WireError(400, `Missing${name}`, `${name} is mandatory for this action.`),
  nonceUsed: () =>
    new WireError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  signatureMismatch: (serverStringToSign: string) =>
    new WireError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server StringToSign is [${serverStringToSign.replace(/\n/g, ' ')}]`,
    ),
  /** [inferred] The gateway signs the body hash, so a wrong hash is a signature mismatch. */
  bodyHashMismatch: () =>
    new WireError(
      400,
      'SignatureDoesNotMatch',
      'Specified signature does not match our calculation: x-acs-content-sha256 is not the SHA-256 of the request body.',
    ),
  securityTokenMissing: () =>
    new WireError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this access key.'),
  securityTokenMismatch: () =>
    new WireError(
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified SecurityToken mismatch with the AccessKey.',
    ),
  securityTokenExpired: () =>
    new WireError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  apiNotFound: () =>
    new WireError(
      404,
      'InvalidApi.NotFound',
      'Specified api is not found, please check your url and method.',
    ),
  throttled: () =>
    new WireError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
};

/** Business errors of the products use `MissingParameter.<Field>` style codes. */
export function missingField(field: string): WireError {
  return new WireError(400, `MissingParameter.${field}`, `The parameter ${field} is required.`);
}

export function invalidField(
  prefix: 'InvalidParameter' | 'InvalidParam',
  field: string,
  why: string,
) {
  return new WireError(400, `${prefix}.${field}`, `The parameter ${field} is invalid: ${why}`);
}
