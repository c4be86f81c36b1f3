import {
  classifyNewApiError,
  classifyOldApiError,
  isTokenRejection,
  newApiError,
  nonJsonError,
  oldApiError,
} from '../../provider/clients/dingtalk/errors';

const ctx = {
  operation: 'dingtalk:robot/plugins/set',
  permission: 'Robot.SingleChat.ReadWrite',
  nowMs: 0,
};

describe('new API error classification', () => {
  it.each([
    ['Forbidden.AccessDenied.QpsLimitForApi', 403, 'THROTTLED', true],
    ['Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', 403, 'THROTTLED', true],
    ['Forbidden.AccessDenied.ApiCountLimitForOrg', 403, 'QUOTA_EXCEEDED', false],
    ['Forbidden.AccessDenied.AccessTokenPermissionDenied', 403, 'PERMISSION_DENIED', false],
    ['InvalidAuthentication', 400, 'AUTH_FAILED', false],
    // "Gone" only for the codes a call names (gone-answers.test.ts): on `set` it is bad input.
    ['invalidRequest.robotNotExist', 400, 'INVALID_INPUT', false],
    ['InvalidAction.NotFound', 404, 'API_UNAVAILABLE', false],
    // Only that exact code says the API is not there; a longer one is some other failure.
    ['InvalidAction.NotFoundInRegion', 400, 'INVALID_INPUT', false],
    ['Robot.InvalidAction.NotFound', 409, 'REMOTE_ERROR', false],
    ['SomethingNew', 409, 'REMOTE_ERROR', false],
    ['invalidRequest.exceededMaximumLimit', 400, 'LIMIT_EXCEEDED', false],
    ['param.illegal', 400, 'INVALID_INPUT', false],
    ['invalidRequest.robotCodeNotMatch', 400, 'INVALID_INPUT', false],
    ['invalidRequest.jsonFormatErroj', 400, 'INVALID_INPUT', false],
    ['system.error', 500, 'REMOTE_UNAVAILABLE', true],
    ['invalidRequest.pluginInstallFail', 500, 'REMOTE_UNAVAILABLE', true],
    ['ServiceUnavailable', 503, 'REMOTE_UNAVAILABLE', true],
  ])('%s (HTTP %d) -> %s, retryable %s', (code, status, ours, retryable) => {
    expect(classifyNewApiError(code, status)).toMatchObject({ code: ours, retryable });
  });

  it('repeats a create only after a 503, when the service certainly did not act', () => {
    expect(classifyNewApiError('ServiceUnavailable', 503).notProcessed).toBe(true);
    expect(classifyNewApiError('Forbidden.AccessDenied.QpsLimitForApi', 403).notProcessed).toBe(
      true,
    );
    expect(classifyNewApiError('system.error', 500).notProcessed).toBe(false);
    expect(classifyNewApiError('', 504).notProcessed).toBe(false);
  });

  it('reads code, message and requestid from the body and names the permission', () => {
    const e = newApiError(
      {
        status: 403,
        headers: {},
        body: '{"code":"Forbidden.AccessDenied.AccessTokenPermissionDenied","message":"no","requestid":"R1"}',
      },
      ctx,
    );
    expect(e).toMatchObject({ code: 'PERMISSION_DENIED', requestId: 'R1', httpStatus: 403 });
    expect(e.message).toContain('Robot.SingleChat.ReadWrite');
  });
});

describe('old API errcode classification', () => {
  it.each([
    [90002, 'THROTTLED', true],
    [90018, 'THROTTLED', true],
    [90019, 'THROTTLED', true],
    [90020, 'QUOTA_EXCEEDED', false],
    [40014, 'AUTH_FAILED', false],
    [42001, 'AUTH_FAILED', false],
    [88, 'AUTH_FAILED', false],
    [34002, 'REMOTE_ERROR', false],
    [34013, 'REMOTE_ERROR', false],
    [404, 'API_UNAVAILABLE', false],
    [34014, 'LIMIT_EXCEEDED', false],
    [40035, 'INVALID_INPUT', false],
    [60121, 'INVALID_INPUT', false],
    [34009, 'INVALID_INPUT', false],
    [60011, 'PERMISSION_DENIED', false],
    [-1, 'REMOTE_ERROR', false],
  ])('errcode %d -> %s, retryable %s', (errcode, ours, retryable) => {
    expect(classifyOldApiError(errcode)).toMatchObject({ code: ours, retryable });
  });

  it('treats an HTTP 5xx as the service failing, whatever the errcode', () => {
    const answer = (status: number) =>
      oldApiError(
        { status, headers: {}, body: '' },
        { errcode: -1, errmsg: 'service unavailable' },
        { operation: 'dingtalk:chat/create', nowMs: 0 },
      );
    expect(answer(503)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: true,
    });
    expect(answer(500)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: false,
    });
    expect(answer(200)).toMatchObject({ code: 'REMOTE_ERROR', retryable: false });
  });

  it('keeps the errcode as remote code and the message', () => {
    const e = oldApiError(
      { status: 200, headers: {}, body: '' },
      { errcode: 40035, errmsg: 'invalid parameter: name' },
      { operation: 'dingtalk:chat/create', nowMs: 0 },
    );
    expect(e).toMatchObject({ code: 'INVALID_INPUT', remoteCode: '40035' });
    expect(e.message).toContain('invalid parameter: name');
  });
});

describe('non-JSON answers', () => {
  it('treats a ban page as BANNED and retryable', () => {
    const e = nonJsonError({ status: 200, headers: {}, body: 'status: 1111\npunish: deny' }, ctx);
    expect(e).toMatchObject({ code: 'BANNED', retryable: true, notProcessed: true });
  });
  it('treats a gateway error page as REMOTE_UNAVAILABLE and retryable', () => {
    expect(nonJsonError({ status: 500, headers: {}, body: '<html/>' }, ctx)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
    });
    expect(nonJsonError({ status: 502, headers: {}, body: '<html/>' }, ctx)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: false,
    });
    expect(nonJsonError({ status: 503, headers: {}, body: '<html/>' }, ctx)).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: true,
    });
  });
});

describe('isTokenRejection', () => {
  it('recognises the expired-token answers of both APIs', () => {
    const newApi = newApiError(
      { status: 400, headers: {}, body: '{"code":"InvalidAuthentication"}' },
      ctx,
    );
    const old = (errcode: number) =>
      oldApiError(
        { status: 200, headers: {}, body: '' },
        { errcode },
        { operation: 'op', nowMs: 0 },
      );
    expect(isTokenRejection(newApi)).toBe(true);
    expect(isTokenRejection(old(40014))).toBe(true);
    expect(isTokenRejection(old(42001))).toBe(true);
    expect(isTokenRejection(old(88))).toBe(true);
    expect(isTokenRejection(old(40035))).toBe(false);
    expect(isTokenRejection(new Error('x'))).toBe(false);
  });
});
