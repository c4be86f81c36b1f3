import { alicloudError, classifyAlicloudError } from '../../../provider/clients/alicloud/errors';

describe('Alibaba Cloud codes, beyond the common ones', () => {
  it.each([
    ['InvalidAction.NotFound', 404, 'API_UNAVAILABLE'],
    ['InvalidVersion.NotFound', 404, 'API_UNAVAILABLE'],
    ['invalidapi.notfound', 404, 'API_UNAVAILABLE'],
    ['IncompleteSignature', 400, 'AUTH_FAILED'],
    ['InvalidSecurityToken.Expired', 401, 'AUTH_FAILED'],
    ['InvalidTimeStamp.Expired', 400, 'AUTH_FAILED'],
    ['SignatureNonceUsed', 400, 'AUTH_FAILED'],
    ['InvalidApi.NotPurchase', 400, 'AUTH_FAILED'],
    ['AuthenticationFail.NoPermission', 401, 'AUTH_FAILED'],
    ['signaturedoesnotmatch', 400, 'AUTH_FAILED'],
    ['forbidden.ram', 403, 'PERMISSION_DENIED'],
    ['Chat.AlreadyExist', 400, 'ALREADY_EXISTS'],
    ['entityalreadyexists.chat', 400, 'ALREADY_EXISTS'],
    ['IllegalParam.Url', 400, 'INVALID_INPUT'],
    ['missingparam', 400, 'INVALID_INPUT'],
    ['QuotaExceed.ChatConfiguration', 400, 'LIMIT_EXCEEDED'],
    ['Rule.LimitExceeded', 400, 'LIMIT_EXCEEDED'],
    ['ServiceUnavailable.Busy', 400, 'REMOTE_UNAVAILABLE'],
    ['UnknownError', 400, 'REMOTE_UNAVAILABLE'],
    ['internalerror', 400, 'REMOTE_UNAVAILABLE'],
    ['', 429, 'THROTTLED'],
    ['', 500, 'REMOTE_UNAVAILABLE'],
    ['', 499, 'REMOTE_ERROR'],
  ])('%s with HTTP %i is %s', (remoteCode, status, expected) => {
    expect(classifyAlicloudError(remoteCode, status).code).toBe(expected);
  });

  it.each([
    ['Api.Forbidden', 'REMOTE_ERROR'],
    ['User.NoPermission', 'REMOTE_ERROR'],
    ['Unknown.InvalidAccessKeyId', 'REMOTE_ERROR'],
    ['Sub.InvalidApi.NotFound', 'REMOTE_ERROR'],
    ['InvalidApi.NotFound.Extra', 'REMOTE_ERROR'],
    ['Name.InvalidParameter', 'REMOTE_ERROR'],
    ['Gateway.ServiceUnavailable', 'REMOTE_ERROR'],
    ['Gateway.InternalError', 'REMOTE_ERROR'],
  ])('reads %s by its prefix only: %s', (remoteCode, expected) => {
    expect(classifyAlicloudError(remoteCode, 400).code).toBe(expected);
  });

  it('treats only the exact gone codes of the call as NOT_FOUND', () => {
    const gone = new Set(['EntityNotExists.ChatConfiguration']);
    expect(classifyAlicloudError('EntityNotExists.ChatConfiguration', 404, gone)).toEqual({
      code: 'NOT_FOUND',
      retryable: false,
    });
    // Any other not-found spelling is a claim too, for the caller to prove; never for a call
    // given no gone codes (a listing, STS).
    expect(classifyAlicloudError('EntityNotExists.Other', 404, gone).code).toBe('NOT_FOUND');
    expect(classifyAlicloudError('EntityNotExists.Other', 404).code).toBe('REMOTE_ERROR');
    expect(classifyAlicloudError('InvalidApi.NotFound', 404, gone).code).toBe('API_UNAVAILABLE');
  });

  it('does not retry a quota that is full: only freeing room helps', () => {
    expect(classifyAlicloudError('QuotaExceed.ChatConfiguration', 400)).toEqual({
      code: 'LIMIT_EXCEEDED',
      retryable: false,
    });
  });

  it('retries only what may succeed later, and repeats a create only when it was refused', () => {
    expect(classifyAlicloudError('InternalError', 500)).toEqual({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
    });
    expect(classifyAlicloudError('', 429)).toEqual({
      code: 'THROTTLED',
      retryable: true,
      notProcessed: true,
    });
    expect(classifyAlicloudError('Forbidden', 403)).toEqual({
      code: 'PERMISSION_DENIED',
      retryable: false,
    });
  });
});

describe('the error of an Alibaba Cloud answer', () => {
  const ctx = {
    operation: 'oos:GetChatConfiguration',
    ramAction: 'oos:GetChatConfiguration',
    nowMs: 0,
  };
  const answer = (status: number, body: unknown, headers: Record<string, string | string[]> = {}) =>
    alicloudError(
      { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) },
      ctx,
    );

  it('reads lower-case field names too', () => {
    const e = answer(400, {
      code: 'InvalidParameter',
      message: 'Name is bad',
      requestId: 'r-lower',
    });
    expect(e).toMatchObject({ remoteCode: 'InvalidParameter', requestId: 'r-lower' });
    expect(e.message).toBe(
      'oos:GetChatConfiguration failed: HTTP 400 InvalidParameter: Name is bad (RequestId r-lower). Correct the named parameter.',
    );
  });

  it('takes the request id from the header when the body has none', () => {
    expect(answer(500, '', { 'x-acs-request-id': ['r-header', 'r-second'] }).requestId).toBe(
      'r-header',
    );
    expect(answer(500, '', { 'x-acs-request-id': 'r-single' }).requestId).toBe('r-single');
  });

  it('says only what it knows when the body says nothing', () => {
    const e = answer(502, '<html>bad gateway</html>');
    expect(e.message).toBe(
      'oos:GetChatConfiguration failed: HTTP 502. The service is unavailable: retry later.',
    );
    expect(e.remoteCode).toBeUndefined();
    expect(e.requestId).toBeUndefined();
  });

  it.each([
    [
      'InvalidAccessKeyId.NotFound',
      404,
      /^Check alicloud:accessKey \/ ALIBABA_CLOUD_ACCESS_KEY_ID and alicloud:secretKey/,
    ],
    ['Forbidden.RAM', 403, /^Grant the RAM action oos:GetChatConfiguration to the caller\.$/],
    [
      'InvalidApi.NotFound',
      404,
      /^The service does not offer this API at this endpoint: check the region/,
    ],
    [
      'EntityAlreadyExists',
      400,
      /^An object with this name already exists: choose another name or adopt the existing one\.$/,
    ],
    ['Throttling.User', 400, /^The account is being throttled: lower alicloudRatePerSecond/],
    [
      'QuotaExceed',
      400,
      /^A service limit was reached: delete unused objects or ask for a higher quota\.$/,
    ],
    ['Odd', 400, /^See the remote code and message; nothing was changed in the stack\.$/],
  ])('gives advice for %s', (code, status, advice) => {
    const message = answer(status, { Code: code, Message: 'm', RequestId: 'r' }).message;
    expect(message.split('(RequestId r). ')[1]).toMatch(advice);
  });

  it('says a gone object does not exist any more', () => {
    const e = alicloudError(
      {
        status: 404,
        headers: {},
        body: JSON.stringify({ Code: 'EntityNotExists.X', RequestId: 'r' }),
      },
      { ...ctx, goneCodes: new Set(['EntityNotExists.X']) },
    );
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/\. The service says the object does not exist\.$/);
  });
});
