import { alicloudError, classifyAlicloudError } from '../../provider/clients/alicloud/errors';

describe('classifyAlicloudError', () => {
  it.each([
    // "Gone" only for the codes a call names (gone-answers.test.ts); never by pattern.
    ['EntityNotExists.ChatConfiguration', 404, 'REMOTE_ERROR', false],
    ['InvalidApi.NotFound', 404, 'API_UNAVAILABLE', false],
    ['InvalidProduct.NotFound', 404, 'API_UNAVAILABLE', false],
    ['EntityAlreadyExists.ChatConfiguration', 400, 'ALREADY_EXISTS', false],
    ['InvalidParameter.Name', 400, 'INVALID_INPUT', false],
    ['InvalidParameter', 400, 'INVALID_INPUT', false],
    ['MissingParameter.SendUrl', 400, 'INVALID_INPUT', false],
    ['InvalidParam.RuleActionName', 400, 'INVALID_INPUT', false],
    ['SignatureDoesNotMatch', 400, 'AUTH_FAILED', false],
    ['InvalidAccessKeyId.NotFound', 404, 'AUTH_FAILED', false],
    ['InvalidAccessKeyId.Inactive', 400, 'AUTH_FAILED', false],
    ['Forbidden.RAM', 403, 'PERMISSION_DENIED', false],
    ['Forbidden', 403, 'PERMISSION_DENIED', false],
    ['NoPermission', 403, 'PERMISSION_DENIED', false],
    ['Throttling', 400, 'THROTTLED', true],
    ['Throttling.User', 400, 'THROTTLED', true],
    ['Throttling.Api', 429, 'THROTTLED', true],
    ['ServiceUnavailable', 503, 'REMOTE_UNAVAILABLE', true],
    ['InternalError', 500, 'REMOTE_UNAVAILABLE', true],
    ['ServerError', 500, 'REMOTE_UNAVAILABLE', true],
    ['SomethingElse', 502, 'REMOTE_UNAVAILABLE', true],
    ['', 504, 'REMOTE_UNAVAILABLE', true],
    ['SomethingElse', 400, 'REMOTE_ERROR', false],
  ])('%s (HTTP %d) -> %s, retryable %s', (code, status, ours, retryable) => {
    expect(classifyAlicloudError(code, status)).toMatchObject({ code: ours, retryable });
  });

  it('marks throttling as not processed, so even a create may be repeated', () => {
    expect(classifyAlicloudError('Throttling.User', 400).notProcessed).toBe(true);
    expect(classifyAlicloudError('InternalError', 500).notProcessed).toBeFalsy();
  });

  it('marks any 503 as not processed, also a gateway page without a code', () => {
    expect(classifyAlicloudError('', 503)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: true,
    });
    expect(classifyAlicloudError('', 504).notProcessed).toBeFalsy();
  });
});

describe('alicloudError', () => {
  const ctx = {
    operation: 'oos:CreateChatConfiguration',
    ramAction: 'oos:CreateChatConfiguration',
    nowMs: 0,
  };

  it('reads the JSON body, the request id and the retry hint', () => {
    const e = alicloudError(
      {
        status: 400,
        headers: { 'x-acs-retry-after': '2' },
        body: JSON.stringify({
          Code: 'Throttling.User',
          Message: 'Request was denied due to user flow control.',
          RequestId: 'REQ-42',
          HostId: 'oos.cn-hangzhou.aliyuncs.com',
          Recommend: 'https://api.aliyun.com/troubleshoot',
        }),
      },
      ctx,
    );
    expect(e).toMatchObject({
      code: 'THROTTLED',
      remoteCode: 'Throttling.User',
      requestId: 'REQ-42',
      retryable: true,
      httpStatus: 400,
      operation: 'oos:CreateChatConfiguration',
      retryAfterMs: 2000,
    });
    expect(e.message).toContain('Request was denied due to user flow control.');
  });

  it('says what to do', () => {
    const denied = alicloudError(
      { status: 403, headers: {}, body: '{"Code":"Forbidden.RAM"}' },
      ctx,
    );
    expect(denied.message).toContain('Grant the RAM action oos:CreateChatConfiguration');
    const auth = alicloudError(
      { status: 400, headers: {}, body: '{"Code":"SignatureDoesNotMatch"}' },
      ctx,
    );
    expect(auth.message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('copes with a body that is not JSON', () => {
    expect(
      alicloudError({ status: 502, headers: {}, body: '<html>Bad Gateway</html>' }, ctx),
    ).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
    });
  });
});
