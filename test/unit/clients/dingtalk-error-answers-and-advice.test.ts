import {
  classifyNewApiError,
  classifyOldApiError,
  isTokenRejection,
  newApiError,
  nonJsonError,
  oldApiError,
} from '../../../provider/clients/dingtalk/errors';
import { ChatOpsError } from '../../../provider/errors';

const ctx = { operation: 'dingtalk:chat/get', nowMs: 0 };
const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('new API codes, beyond the common ones', () => {
  it.each([
    ['', 401, 'AUTH_FAILED'],
    ['anything', 404, 'API_UNAVAILABLE'],
    ['invalidaction.notfound', 400, 'API_UNAVAILABLE'],
    ['Something.LimitExceeded', 400, 'LIMIT_EXCEEDED'],
    ['Forbidden.Other', 400, 'PERMISSION_DENIED'],
    ['', 403, 'PERMISSION_DENIED'],
    ['PARAM.missing', 409, 'INVALID_INPUT'],
    ['invalidrequest.x', 409, 'INVALID_INPUT'],
    ['', 400, 'INVALID_INPUT'],
    ['x.param.y', 409, 'REMOTE_ERROR'],
    ['Other.Forbidden', 409, 'REMOTE_ERROR'],
    ['', 409, 'REMOTE_ERROR'],
    ['qpslimit', 200, 'THROTTLED'],
    ['apicountlimitfororg', 403, 'QUOTA_EXCEEDED'],
  ])('%j with HTTP %i is %s', (remoteCode, status, expected) => {
    expect(classifyNewApiError(remoteCode, status).code).toBe(expected);
  });

  it('retries a 5xx, and counts only a 503 as not processed', () => {
    expect(classifyNewApiError('', 502)).toEqual({
      code: 'REMOTE_UNAVAILABLE',
      retryable: true,
      notProcessed: false,
    });
    expect(classifyNewApiError('', 503).notProcessed).toBe(true);
  });

  it('treats only the exact gone codes of the call as NOT_FOUND', () => {
    const gone = new Set(['invalidRequest.robotNotExist']);
    expect(classifyNewApiError('invalidRequest.robotNotExist', 400, gone).code).toBe('NOT_FOUND');
    expect(classifyNewApiError('invalidRequest.robotNotExist', 400).code).toBe('INVALID_INPUT');
  });
});

describe('old API errcodes', () => {
  it('reads errcode 88 with sub_code 60011 as a missing permission, other sub_codes as auth', () => {
    expect(classifyOldApiError(88, '60011').code).toBe('PERMISSION_DENIED');
    expect(classifyOldApiError(88, '40014').code).toBe('AUTH_FAILED');
  });

  it('treats only the exact gone errcodes of the call as NOT_FOUND', () => {
    expect(classifyOldApiError(34013, undefined, new Set(['34013'])).code).toBe('NOT_FOUND');
  });
});

describe('the message of a DingTalk error', () => {
  it('names the operation, status, code, message and request id, then what to do', () => {
    const e = newApiError(
      res(403, { code: 'Forbidden.AccessDenied', message: 'no', requestid: 'REQ-1' }),
      { ...ctx, permission: 'Robot.SingleChat.ReadWrite' },
    );
    expect(e.message).toBe(
      'dingtalk:chat/get failed: HTTP 403 Forbidden.AccessDenied: no (requestid REQ-1). Grant the permission Robot.SingleChat.ReadWrite to the DingTalk application.',
    );
  });

  it('reads the capitalised fields of a gateway answer', () => {
    const e = newApiError(res(400, { Code: 'param.bad', Message: 'bad', RequestId: 'REQ-2' }), ctx);
    expect(e).toMatchObject({ remoteCode: 'param.bad', requestId: 'REQ-2' });
    expect(newApiError(res(400, { code: 'x', requestId: 'REQ-3' }), ctx).requestId).toBe('REQ-3');
  });

  it('says only the status when the body names nothing', () => {
    const e = newApiError(res(409, {}), ctx);
    expect(e.remoteCode).toBeUndefined();
    expect(e.message).toBe(
      'dingtalk:chat/get failed: HTTP 409. See the remote code and message; nothing was changed in the stack.',
    );
  });

  it.each([
    [
      401,
      {},
      'Check dingtalk:clientId / DINGTALK_CLIENT_ID and dingtalk:clientSecret / DINGTALK_CLIENT_SECRET.',
    ],
    [403, {}, 'Grant the DingTalk application the permission this API needs.'],
    [
      403,
      { code: 'QpsLimit' },
      'DingTalk is rate limiting this application: lower dingtalkRatePerSecond or the parallelism.',
    ],
    [
      403,
      { code: 'ApiCountLimitForOrg' },
      "The organisation's monthly DingTalk API quota is spent: wait for the next month or upgrade the plan.",
    ],
    [
      404,
      {},
      'DingTalk does not offer this API at this address: check chatops:dingtalkApiEndpoint / DINGTALK_API_ENDPOINT and chatops:dingtalkOapiEndpoint / DINGTALK_OAPI_ENDPOINT. Nothing was changed in the stack.',
    ],
    [
      400,
      { code: 'LimitExceeded' },
      'A DingTalk limit was reached (at most 40 users per call and 1000 per group).',
    ],
    [400, {}, 'Correct the named parameter.'],
    [500, {}, 'DingTalk is unavailable: retry later.'],
  ])('gives advice for HTTP %i %j', (status, body, advice) => {
    expect(newApiError(res(status, body), ctx).message.endsWith(` ${advice}`)).toBe(true);
  });

  it('says a gone object does not exist any more', () => {
    const e = oldApiError(
      res(200, { errcode: 34013 }),
      { errcode: 34013 },
      { ...ctx, goneCodes: new Set(['34013']) },
    );
    expect(e.message).toBe(
      'dingtalk:chat/get failed: errcode 34013. The object does not exist (any more).',
    );
  });

  it('names the sub_code, the message and the request id of an old API answer', () => {
    const body = { errcode: 88, sub_code: '60011', errmsg: 'no permission', request_id: 'REQ-OLD' };
    const e = oldApiError(res(200, body), body, ctx);
    expect(e).toMatchObject({ code: 'PERMISSION_DENIED', remoteCode: '88', requestId: 'REQ-OLD' });
    expect(e.message).toBe(
      'dingtalk:chat/get failed: errcode 88 (sub_code 60011): no permission (requestid REQ-OLD). Grant the DingTalk application the permission this API needs.',
    );
    expect(oldApiError(res(200, {}), { errcode: 1, requestId: 'REQ-4' }, ctx).requestId).toBe(
      'REQ-4',
    );
  });

  it('reads an old API answer without an errcode as errcode -1', () => {
    expect(oldApiError(res(400, {}), {}, ctx).remoteCode).toBe('-1');
  });

  it('tells how to drop a group DingTalk only calls an invalid chat id', () => {
    for (const errcode of [34001, 34002]) {
      const e = oldApiError(res(200, { errcode }), { errcode }, ctx);
      expect(e.message).toMatch(
        /\. See the remote code and message; nothing was changed in the stack\. DingTalk does not say that the group is gone: if it really is \(deleted in DingTalk\), drop it from the stack with `pulumi state delete <urn>`\.$/,
      );
    }
    expect(
      oldApiError(res(200, { errcode: 34003 }), { errcode: 34003 }, ctx).message,
    ).not.toContain('pulumi state delete');
  });

  it('keeps the retry hint of a ban page and of a gateway page', () => {
    const ban = nonJsonError(res(200, '<html>banned</html>', { 'retry-after': '300' }), ctx);
    expect(ban).toMatchObject({
      code: 'BANNED',
      retryable: true,
      notProcessed: true,
      retryAfterMs: 300_000,
    });
    expect(ban.message).toBe(
      'dingtalk:chat/get failed: HTTP 200 with a non-JSON page, which is how DingTalk answers a banned IP. This IP sent too many calls and is banned for about five minutes: wait and retry.',
    );
    const gateway = nonJsonError(res(502, '<html>bad gateway</html>', { 'retry-after': '2' }), ctx);
    expect(gateway).toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
      retryAfterMs: 2000,
      httpStatus: 502,
    });
    expect(gateway.message).toBe(
      'dingtalk:chat/get failed: HTTP 502 with a non-JSON page. DingTalk is unavailable: retry later.',
    );
    expect(newApiError(res(429, 'busy', { 'retry-after': '1' }), ctx).retryAfterMs).toBe(1000);
    expect(
      oldApiError(res(200, {}, { 'retry-after': '4' }), { errcode: 90018 }, ctx).retryAfterMs,
    ).toBe(4000);
  });
});

describe('rejected tokens', () => {
  const auth = (remoteCode?: string, httpStatus?: number) =>
    new ChatOpsError({ code: 'AUTH_FAILED', message: 'refused', remoteCode, httpStatus });

  it('are an empty 401, InvalidAuthentication, or errcodes 40014, 42001 and 88', () => {
    expect(isTokenRejection(auth(undefined, 401))).toBe(true);
    expect(isTokenRejection(auth('InvalidAuthentication', 400))).toBe(true);
    expect(isTokenRejection(auth('42001', 200))).toBe(true);
    expect(isTokenRejection(auth('88', 200))).toBe(true);
  });

  it('are not other auth failures, nor other errors', () => {
    expect(isTokenRejection(auth('invalidClientSecret', 401))).toBe(false);
    expect(isTokenRejection(auth(undefined, 400))).toBe(false);
    expect(
      isTokenRejection(
        new ChatOpsError({ code: 'PERMISSION_DENIED', message: 'x', remoteCode: '88' }),
      ),
    ).toBe(false);
    expect(isTokenRejection(new Error('40014'))).toBe(false);
  });
});
