import { ChatOpsError, isChatOpsError } from '../../provider/errors';

describe('ChatOpsError', () => {
  it('carries the stable code, remote details and retryability', () => {
    const details = {
      code: 'THROTTLED',
      remoteCode: 'Throttling.User',
      requestId: 'REQ-1',
      retryable: true,
      operation: 'oos:GetChatConfiguration',
      httpStatus: 400,
    } as const;
    const e = new ChatOpsError({ ...details, message: 'slow down' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ChatOpsError');
    expect(e).toMatchObject(details);
  });

  it('is not retryable unless told and leaves absent fields absent', () => {
    const e = new ChatOpsError({ code: 'INVALID_INPUT', message: 'bad' });
    expect(e.retryable).toBe(false);
    expect(Object.keys(e)).not.toContain('remoteCode');
    expect(Object.keys(e)).not.toContain('requestId');
  });

  it('redacts its message, stack and string properties at construction', () => {
    const token = 'leaky-token-123';
    const e = new ChatOpsError({
      code: 'REMOTE_ERROR',
      message: `failed GET /chat/get?access_token=${token}`,
      remoteCode: `code access_token=${token}`,
      operation: 'op',
    });
    expect(e.message).not.toContain(token);
    expect(e.stack).not.toContain(token);
    expect(JSON.stringify(e)).not.toContain(token);
  });
});

describe('isChatOpsError', () => {
  const e = new ChatOpsError({ code: 'NOT_FOUND', message: 'gone' });
  it('recognises the type and, optionally, the code', () => {
    expect(isChatOpsError(e)).toBe(true);
    expect(isChatOpsError(e, 'NOT_FOUND')).toBe(true);
    expect(isChatOpsError(e, 'THROTTLED')).toBe(false);
    expect(isChatOpsError(new Error('x'))).toBe(false);
    expect(isChatOpsError(undefined)).toBe(false);
  });
});
